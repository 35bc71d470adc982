/**
 * The export's order as the contract's rules state it (order-compare, order-nulls,
 * order-tiebreak), written from those rules alone so that the suite judges a server rather than
 * copying one. Pure: rows in, the first break of the order out.
 */

export type Direction = 'asc' | 'desc';

/**
 * What kind of rule a pair of neighbouring rows breaks:
 * - `order`: the values are in the wrong order by any reading (documented: the field and direction order the rows);
 * - `collation`: wrong only by code-unit comparison; a case-insensitive or locale collation would accept it (assumed rule);
 * - `nulls`: a NULL on the wrong side (assumed: first ascending, last descending);
 * - `tiebreak`: equal values not ordered by userWorklogId in the same direction (assumed).
 */
export type OrderBreak = 'order' | 'collation' | 'nulls' | 'tiebreak';

/** Where a page first leaves the expected order. */
export interface OrderViolation {
  kind: OrderBreak;
  /** Index of the second row of the offending pair. */
  index: number;
  message: string;
}

const TIEBREAK = 'userWorklogId';

const isNull = (v: unknown) => v === null || v === undefined;

/** Code-unit comparison (what `<` does on strings), so no locale decides. */
const codeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares two non-null cell values ascending: numbers numerically, strings by code unit.
 * Values of different kinds compare by their kind's name, so the result is still total.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return codeUnit(a, b);
  if (typeof a !== typeof b) return codeUnit(typeof a, typeof b);
  return codeUnit(String(a), String(b));
}

/**
 * Classifies the pair (prev, next) of values in `direction`: 0 when in order, negative when
 * strictly in order, or the rule it breaks.
 */
function pairOrder(prev: unknown, next: unknown, direction: Direction): number | OrderBreak {
  const sign = direction === 'asc' ? 1 : -1;
  if (isNull(prev) || isNull(next)) {
    if (isNull(prev) && isNull(next)) return 0;
    // Ascending, NULL comes first: prev=null, next=value is in order; the reverse is not.
    const nullFirst = isNull(prev) ? -1 : 1;
    return nullFirst * sign < 0 ? -1 : 'nulls';
  }
  const cmp = compareValues(prev, next) * sign;
  if (cmp <= 0) return cmp;
  if (typeof prev === 'string' && typeof next === 'string') {
    // A case-insensitive or accent-folding collation (a database's) would accept the pair.
    const folded = codeUnit(prev.toLowerCase(), next.toLowerCase()) * sign;
    const collated = prev.localeCompare(next, 'en', { sensitivity: 'base' }) * sign;
    if (folded <= 0 || collated <= 0) return 'collation';
  }
  return 'order';
}

/**
 * Finds the first pair of neighbouring rows that breaks the order by `field` in `direction`,
 * ties broken by userWorklogId in the same direction.
 * @example firstOrderViolation([{ duration: 5, userWorklogId: 1 }, { duration: 3, userWorklogId: 2 }], 'duration', 'asc')
 *   // { kind: 'order', index: 1, message: 'row 1 has duration 3 after 5' }
 */
export function firstOrderViolation(
  rows: readonly Record<string, unknown>[],
  field: string,
  direction: Direction,
): OrderViolation | undefined {
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1]!;
    const next = rows[i]!;
    const primary = pairOrder(prev[field], next[field], direction);
    if (typeof primary === 'string') {
      return {
        kind: primary,
        index: i,
        message: `row ${i} has ${field} ${show(next[field])} after ${show(prev[field])} (${direction})`,
      };
    }
    if (primary < 0 || field === TIEBREAK) continue;
    const tie = pairOrder(prev[TIEBREAK], next[TIEBREAK], direction);
    // Rows without an id cannot be told apart; the rule can only bind rows that have one.
    if (tie !== -1 && !(isNull(prev[TIEBREAK]) && isNull(next[TIEBREAK]))) {
      return {
        kind: 'tiebreak',
        index: i,
        message: `rows ${i - 1} and ${i} share ${field} ${show(next[field])} but have ${TIEBREAK} ${show(prev[TIEBREAK])} then ${show(next[TIEBREAK])} (${direction})`,
      };
    }
  }
  return undefined;
}

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};
