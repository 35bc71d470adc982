import type { ExportColumn } from '../../../src/world/types.ts';

type Cell = unknown;

/** Code-unit string order, written out by hand so the tests do not share the mock's comparator. */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function compareCells(a: Cell, b: Cell): number {
  if (a === null && b === null) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
  return Math.sign(compareStrings(String(a), String(b)));
}

/**
 * The expected ascending order of two JSON rows by a column as they show it: NULLs first, then
 * userWorklogId. Descending is the same order reversed.
 */
export function expectedAscending(column: ExportColumn) {
  return (a: object, b: object): number => {
    const [x, y] = [a as Record<string, Cell>, b as Record<string, Cell>];
    return compareCells(x[column], y[column]) || compareCells(x.userWorklogId, y.userWorklogId);
  };
}

/** The first position where consecutive rows break the order, or -1. */
export function firstOutOfOrder(
  rows: Record<string, Cell>[],
  column: ExportColumn,
  direction: 'asc' | 'desc',
): number {
  const cmp = expectedAscending(column);
  for (let i = 1; i < rows.length; i++) {
    const c = cmp(rows[i - 1]!, rows[i]!);
    if (direction === 'asc' ? c >= 0 : c <= 0) return i;
  }
  return -1;
}
