import { type CellValue, type ExportRowSource, packedOrder } from '../../src/world/enneo-views.ts';
import type { ExportColumn, ExportRow } from '../../src/world/types.ts';
import { dateOnly } from './privacy.ts';
import type { Pseudonyms } from './pseudonyms.ts';

export type SortValue = CellValue;

/** Export rows as an array or as compact records built on demand (a generated world's). */
export type ExportRows = ExportRowSource | readonly ExportRow[];

const isSource = (rows: ExportRows): rows is ExportRowSource => !Array.isArray(rows);

/** The rows as a source: compact records as they are, an array read in place. */
export function rowSource(rows: ExportRows): ExportRowSource {
  if (isSource(rows)) return rows;
  const array = rows as readonly ExportRow[];
  return {
    length: array.length,
    row: (at) => array[at]!,
    column: (column) => array.map((row) => row[column]),
  };
}

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
  readonly #rows: ExportRowSource;
  readonly #pseudonyms: Pseudonyms | undefined;
  readonly #cache = new Map<string, Uint32Array>();

  constructor(rows: ExportRows, pseudonyms?: Pseudonyms) {
    this.#rows = rowSource(rows);
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
    const byName = key.column === 'name' && key.pseudonymName;
    const keys = byName ? undefined : rows.sortKeys?.(key.column, key.dateOnly && key.column === 'date');
    if (keys !== undefined) {
      const order = packedOrder(keys.length, (i) => keys[i]!);
      if (order !== undefined) return order;
    }
    let values: SortValue[];
    if (byName) {
      if (!pseudonyms) throw new Error('SortIndex: ordering by pseudonym needs the pseudonyms');
      values = rows.column('userId').map((userId) => pseudonyms(userId as number | null));
    } else {
      values = rows.column(key.column);
      if (key.dateOnly && key.column === 'date') {
        for (let i = 0; i < values.length; i++) {
          const value = values[i];
          if (typeof value === 'string') values[i] = dateOnly(value);
        }
      }
    }
    const ids = rows.column('userWorklogId');
    // In a generated world (and any world whose ids ascend with the rows) ties fall to the index.
    if (ascendingIds(ids)) return orderByRank(values);
    const order = new Uint32Array(rows.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return order.sort(
      (a, b) => compareValues(values[a]!, values[b]!) || compareValues(ids[a]!, ids[b]!) || a - b,
    );
  }
}

/**
 * Row indices ordered by value, ties by index. Each distinct value gets its rank (the distinct
 * values sorted: few for most columns, already in order for `date`), and rank and index are packed
 * into one float each, so the million-row sort is a numeric one, with no comparator calls.
 */
function orderByRank(values: readonly SortValue[]): Uint32Array {
  const n = values.length;
  const ranks = new Map<SortValue, number>();
  for (let i = 0; i < n; i++) ranks.set(values[i]!, 0);
  const distinct = [...ranks.keys()].sort(compareValues);
  for (let r = 0; r < distinct.length; r++) ranks.set(distinct[r]!, r);
  const order = packedOrder(n, (i) => ranks.get(values[i]!)!);
  if (order === undefined) throw new Error('SortIndex: too many rows to order');
  return order;
}

/** Whether every id is a number greater than the one before it. */
function ascendingIds(ids: readonly SortValue[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (typeof id !== 'number' || !(id > previous)) return false;
    previous = id;
  }
  return true;
}
