import type { Query } from '../../src/http/params.ts';

export const DEFAULT_PAGE = 1;
export const DEFAULT_SIZE = 25;

/** A page of a result, 1-based as the vendor counts. */
export interface Paging {
  page: number;
  size: number;
}

// Digits only: a whole, positive number as the doc asks. Signs, fractions, exponents, spaces and
// hex are not whole numbers as written; leading zeros still are ("02" is 2).
const WHOLE = /^\d+$/;

function wholePositive(value: unknown): number | undefined {
  if (typeof value !== 'string' || !WHOLE.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && Number.isSafeInteger(n) ? n : undefined;
}

/**
 * Reads `page` and `size`. Pagination is off (undefined) unless either key is present; then an
 * absent or invalid value falls back silently to page 1 / size 25, as documented. A repeated key
 * counts as invalid. Never throws.
 * @example parsePaging({ size: '10' }) // { page: 1, size: 10 }
 * @example parsePaging({ page: '0', size: 'abc' }) // { page: 1, size: 25 }
 */
export function parsePaging(query: Query): Paging | undefined {
  const hasPage = Object.hasOwn(query, 'page');
  const hasSize = Object.hasOwn(query, 'size');
  if (!hasPage && !hasSize) return undefined;
  return {
    page: wholePositive(query.page) ?? DEFAULT_PAGE,
    size: wholePositive(query.size) ?? DEFAULT_SIZE,
  };
}

/**
 * The half-open item window `[start, end)` a paging selects from `total` items; empty (start ===
 * end === total) for a page past the end. Without paging, the whole result.
 */
export function pageWindow(total: number, paging: Paging | undefined): { start: number; end: number } {
  if (!paging) return { start: 0, end: total };
  const start = Math.min((paging.page - 1) * paging.size, total);
  return { start, end: Math.min(start + paging.size, total) };
}
