/** An internal failure is told apart from every verdict: exit 70, one line, the stack only on request. */
import { describe, expect, it } from 'vitest';
import { INTERNAL_EXIT, internalErrorText, USAGE_EXIT } from '../../src/cli/cli-error.ts';

describe('internal errors', () => {
  it('use a status no verdict uses (verify: 0, 1, 2)', () => {
    expect(INTERNAL_EXIT).toBe(70);
    expect([0, 1, USAGE_EXIT]).not.toContain(INTERNAL_EXIT);
  });

  it('are one line naming the cause, with a hint for the stack', () => {
    const err = new Error("Cannot find package 'fast-check' imported from /x/robustness.js\nmore detail");
    expect(internalErrorText(err, false)).toBe(
      "standin: internal error, not a verdict (exit 70): Cannot find package 'fast-check' imported from /x/robustness.js (STANDIN_DEBUG=1 shows the stack)",
    );
  });

  it('carry the stack when STANDIN_DEBUG is set', () => {
    const err = new TypeError('boom');
    const text = internalErrorText(err, true);
    expect(text.split('\n')[0]).toBe('standin: internal error, not a verdict (exit 70): boom');
    expect(text).toContain('TypeError: boom\n    at ');
  });

  it('describe a thrown non-Error by its text', () => {
    expect(internalErrorText('disk on fire', false)).toBe(
      'standin: internal error, not a verdict (exit 70): disk on fire (STANDIN_DEBUG=1 shows the stack)',
    );
  });
});
