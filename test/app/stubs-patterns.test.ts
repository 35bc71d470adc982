/** Which `{"matches": …}` patterns a stub may carry: safe ones run, catastrophic ones are refused. */
import { describe, expect, it } from 'vitest';
import { compileCondition, MAX_MATCHED_LENGTH, unsafePattern } from '../../src/core/stubs-match.ts';

describe('stub patterns', () => {
  it.each([
    '\\d+',
    '2025-09-0[1-9]',
    '(?:ab)*',
    '(?<year>\\d{4})-\\d\\d-\\d\\d',
    '[(?*+]+x',
    'a|b|c',
    '(a)(b)(c)*',
    '.*',
  ])('accepts %s', (pattern) => {
    expect(unsafePattern(pattern)).toBeNull();
  });

  it.each([
    ['(a+)+$', 'a quantified group must not hold a quantifier or an alternation'],
    ['(?:a|b)*', 'a quantified group must not hold a quantifier or an alternation'],
    ['a*b*c*', 'at most 2 open-ended quantifiers'],
    ['a?b?c?d?e?f?g?', 'at most 6 quantifiers'],
    ['(a)\\1', 'back-references'],
    ['(?=a)', 'lookarounds'],
    ['(', 'not a valid regular expression'],
    ['x'.repeat(257), 'at most 256 characters'],
  ])('refuses %s', (pattern, reason) => {
    expect(unsafePattern(pattern)).toContain(reason);
  });

  it('matches the whole value, and never a value longer than the bound', () => {
    const digits = compileCondition({ matches: '\\d+' });
    expect([digits('123'), digits('123a'), digits('a123')]).toEqual([true, false, false]);
    const any = compileCondition({ matches: '.*' });
    expect([any('x'.repeat(MAX_MATCHED_LENGTH)), any('x'.repeat(MAX_MATCHED_LENGTH + 1))]).toEqual([
      true,
      false,
    ]);
    // The pattern cannot step out of its anchors: `a|b` is "a" or "b", not "starts with a".
    expect(compileCondition({ matches: 'a|b' })('ab')).toBe(false);
    expect(compileCondition('exact')('exact')).toBe(true);
  });
});
