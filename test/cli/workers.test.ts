/**
 * `serve --workers`: the flag's rules, in-process. Workers sharing a Redis state are proven by
 * spawned runs in test/cli/workers-redis.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './in-process.ts';

describe('serve --workers', () => {
  it('refuses more than one worker without a shared state, naming --state', async () => {
    const out = await cli(['serve', '--port', '0', '--workers', '2']);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      '--workers 2 needs --state redis://host:port (or STANDIN_STATE): the workers must share settings, faults, stubs and the journal\n',
    );
    expect(out.stdout).toBe('');
  });

  it('reads STANDIN_WORKERS like the flag', async () => {
    const out = await cli(['serve', '--port', '0'], { STANDIN_WORKERS: '3' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^--workers 3 needs --state/);
  });

  it.each(['0', '65', '1.5', 'two', '-1'])('refuses --workers %s with the rule', async (value) => {
    const out = await cli(['serve', '--port', '0', '--workers', value]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      `option '--workers <n|auto>' argument '${value}' is invalid. must be a whole number from 1 to 64, or auto.`,
    );
  });
});
