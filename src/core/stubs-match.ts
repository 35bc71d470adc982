/**
 * How a stub's request conditions are checked, and the one guard against ReDoS: a stub's
 * `{"matches": "<regex>"}` runs on every request of its vendor, so a catastrophic pattern would
 * stall the whole server. JavaScript's engine backtracks and has no timeout; rather than a native
 * engine (RE2 needs a compiler at install), patterns are refused unless their backtracking is
 * provably polynomial and small: no back-references or lookarounds, no quantified group that
 * itself holds a quantifier or an alternation (star height 1), at most MAX_QUANTIFIERS
 * quantifiers of which MAX_OPEN_QUANTIFIERS open-ended, a bounded pattern length, and values longer than MAX_MATCHED_LENGTH
 * never match. Worst case then is about MAX_MATCHED_LENGTH² steps per condition.
 */

/** The longest pattern a stub may carry. */
export const MAX_PATTERN_LENGTH = 256;
/** Values longer than this never match a pattern (bounds the polynomial worst case). */
export const MAX_MATCHED_LENGTH = 1024;
/** `*`, `+`, `{n,}` and `{n,m}` with m > 8 count as open-ended. */
export const MAX_OPEN_QUANTIFIERS = 2;
/**
 * Quantifiers of any kind: adjacent optional atoms backtrack too (`a?` forty times then `a` forty
 * times takes 2^40 steps), so their number is capped: at most 9^6 choices.
 */
export const MAX_QUANTIFIERS = 6;
const SMALL_BOUND = 8;

/** A condition as posted: an exact value or a pattern the whole value must match. */
export type ValueCondition = string | { matches: string };

/** A compiled condition. */
export type ValueMatcher = (value: string) => boolean;

interface Group {
  quantified: boolean;
  alternation: boolean;
}

/**
 * Why a pattern is refused, or null when it is safe to run (see the module comment).
 * Also refuses what `new RegExp` refuses.
 */
export function unsafePattern(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `a pattern has at most ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (err) {
    return `not a valid regular expression (${(err as Error).message})`;
  }
  const stack: Group[] = [];
  /** Whether the group just closed (or atom) holds a quantifier or an alternation. */
  let lastGroup: Group | null = null;
  let open = 0;
  let quantifiers = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next) && !inClass) return 'back-references (\\1, \\k<name>) are not allowed';
      i += 1;
      lastGroup = null;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastGroup = null;
      continue;
    }
    if (c === '(') {
      if (
        pattern.startsWith('(?=', i) ||
        pattern.startsWith('(?!', i) ||
        pattern.startsWith('(?<=', i) ||
        pattern.startsWith('(?<!', i)
      ) {
        return 'lookarounds ((?=, (?!, (?<=, (?<!) are not allowed';
      }
      stack.push({ quantified: false, alternation: false });
      lastGroup = null;
      // Skip a group's prefix (`(?:`, `(?<name>`), whose `?` is no quantifier.
      if (pattern[i + 1] === '?') {
        const prefix = /^\(\?(?::|<[^>]*>)/.exec(pattern.slice(i));
        if (prefix) i += prefix[0].length - 1;
      }
      continue;
    }
    if (c === ')') {
      lastGroup = stack.pop() ?? null;
      continue;
    }
    if (c === '|') {
      const top = stack[stack.length - 1];
      if (top) top.alternation = true;
      lastGroup = null;
      continue;
    }
    let quantifier: 'open' | 'small' | null = null;
    let end = i;
    if (c === '*' || c === '+') quantifier = 'open';
    else if (c === '?') quantifier = 'small';
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (m) {
        end = i + m[0].length - 1;
        const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
        quantifier = max > SMALL_BOUND ? 'open' : 'small';
      }
    }
    if (quantifier === null) {
      lastGroup = null;
      continue;
    }
    if (lastGroup && (lastGroup.quantified || lastGroup.alternation)) {
      return 'a quantified group must not hold a quantifier or an alternation (nested repetition backtracks exponentially)';
    }
    if (quantifier === 'open') open += 1;
    quantifiers += 1;
    if (quantifiers > MAX_QUANTIFIERS) return `at most ${MAX_QUANTIFIERS} quantifiers`;
    if (open > MAX_OPEN_QUANTIFIERS) {
      return `at most ${MAX_OPEN_QUANTIFIERS} open-ended quantifiers (*, +, {n,}, {n,m} with m > ${SMALL_BOUND})`;
    }
    for (const g of stack) g.quantified = true;
    // A lazy or possessive-looking suffix (`*?`) belongs to the same quantifier.
    if (pattern[end + 1] === '?') end += 1;
    i = end;
    lastGroup = null;
  }
  return null;
}

/** Compiles a checked condition; the pattern must match the whole value (as WireMock's `matches`). */
export function compileCondition(condition: ValueCondition): ValueMatcher {
  if (typeof condition === 'string') return (value) => value === condition;
  const regex = new RegExp(`^(?:${condition.matches})$`, 'u');
  return (value) => value.length <= MAX_MATCHED_LENGTH && regex.test(value);
}

/**
 * Checks a posted `query` or `headers` object: each value a string or `{"matches": "<regex>"}`.
 * @returns the problem (message) or null.
 */
export function conditionProblem(value: unknown): string | null {
  if (typeof value === 'string')
    return value.length > MAX_MATCHED_LENGTH ? `at most ${MAX_MATCHED_LENGTH} characters` : null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be a string (exact value) or {"matches": "<regex>"}';
  }
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'matches')
    return 'must be a string (exact value) or {"matches": "<regex>"}';
  const pattern = (value as { matches: unknown }).matches;
  if (typeof pattern !== 'string') return 'matches must be a string';
  const unsafe = unsafePattern(pattern);
  return unsafe === null ? null : `matches is refused: ${unsafe}`;
}
