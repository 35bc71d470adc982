import type { ExportColumn, ExportRow } from '../../src/world/types.ts';
import { dateOnly } from './privacy.ts';
import type { Pseudonyms } from './pseudonyms.ts';

export type SortValue = string | number | null;

/**
 * Compares two cell values in MySQL's ascending order: NULL first, numbers numerically, strings
 * by UTF-16 code unit (binary collation; deterministic, unlike localeCompare).
 */
export function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What a sort order is keyed by: the column, for `date` whether only its date portion is visible,
 * and for `name` whether the pseudonym shows instead (the order must not betray the real names).
 */
export interface SortKey {
  column: ExportColumn;
  dateOnly: boolean;
  pseudonymName?: boolean;
}

/**
 * Precomputed orders of the export rows, one per column, each built once on first use.
 * Ascending order: the column's value (NULLs first), ties by `userWorklogId` (NULLs first), then by
 * the row's place in the world; descending is exactly that order reversed, so NULLs come last and
 * a page is read straight out of the index in O(limit).
 */
export class SortIndex {
  readonly #rows: readonly ExportRow[];
  readonly #pseudonyms: Pseudonyms | undefined;
  readonly #cache = new Map<string, Uint32Array>();

  constructor(rows: readonly ExportRow[], pseudonyms?: Pseudonyms) {
    this.#rows = rows;
    this.#pseudonyms = pseudonyms;
  }

  get size(): number {
    return this.#rows.length;
  }

  /** Row indices in ascending order for the key; computed on first use, then cached. */
  ascending(key: SortKey): Uint32Array {
    const name =
      key.column === 'date' && key.dateOnly
        ? 'date:dateOnly'
        : key.column === 'name' && key.pseudonymName
          ? 'name:pseudonym'
          : key.column;
    let order = this.#cache.get(name);
    if (!order) {
      order = this.#build(key);
      this.#cache.set(name, order);
    }
    return order;
  }

  /** Row indices of positions [offset, offset + limit) in the requested direction. */
  page(key: SortKey, direction: 'asc' | 'desc', offset: number, limit: number): number[] {
    const order = this.ascending(key);
    const n = order.length;
    const end = Math.min(n, offset + limit);
    // Sized once: growing by push allocated about three times the page's indices per request.
    const out: number[] = new Array(Math.max(0, end - offset));
    for (let i = offset; i < end; i++) out[i - offset] = direction === 'asc' ? order[i]! : order[n - 1 - i]!;
    return out;
  }

  #build(key: SortKey): Uint32Array {
    const rows = this.#rows;
    const pseudonyms = this.#pseudonyms;
    const values: SortValue[] = rows.map((row) => {
      if (key.column === 'name' && key.pseudonymName) {
        if (!pseudonyms) throw new Error('SortIndex: ordering by pseudonym needs the pseudonyms');
        return pseudonyms(row.userId);
      }
      const value = row[key.column] as SortValue;
      return key.dateOnly && key.column === 'date' && typeof value === 'string' ? dateOnly(value) : value;
    });
    const order = new Uint32Array(rows.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort(
      (a, b) =>
        compareValues(values[a]!, values[b]!) ||
        compareValues(rows[a]!.userWorklogId, rows[b]!.userWorklogId) ||
        a - b,
    );
  }
}
