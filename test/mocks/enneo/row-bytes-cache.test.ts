import { describe, expect, it } from 'vitest';
import { ExportStore, exportStoreCacheStats } from '../../../mocks/enneo/export-store.ts';
import { projectionFor } from '../../../mocks/enneo/privacy.ts';
import { CHUNK_BYTES, DEFAULT_ROW_CACHE_BYTES } from '../../../mocks/enneo/row-bytes-cache.ts';
import { makeRow } from './helpers.ts';

const rows = [1, 2, 3].map((id) =>
  makeRow({ userWorklogId: id, date: `2024-05-0${id} 10:00:00`, email: `u${id}@example.com` }),
);
const full = projectionFor('none', []);
const withoutEmail = projectionFor('partiallyPseudonymized', []);
const pseudo = projectionFor('pseudonymized', []);
const request = { orderByField: 'date', orderByDirection: 'asc', offset: 0, limit: 100 } as const;
/** What one projection of these rows holds: one chunk and a table of 3 slots. */
const ONE = CHUNK_BYTES + rows.length * 8;

const jsonOf = (store: ExportStore, projection: typeof full) =>
  store.json(store.page(request, projection), projection);

describe('row-bytes cache', () => {
  it('holds nothing until a page is asked for, then reports the rows and bytes it keeps', () => {
    const store = new ExportStore(rows);
    expect(store.cacheStats()).toEqual({
      limitBytes: DEFAULT_ROW_CACHE_BYTES,
      bytes: 0,
      projections: [],
      rows: 0,
      evictions: 0,
    });
    jsonOf(store, full);
    expect(store.cacheStats()).toEqual({
      limitBytes: DEFAULT_ROW_CACHE_BYTES,
      bytes: ONE,
      projections: ['json:full'],
      rows: 3,
      evictions: 0,
    });
  });

  it('evicts the least recently used projection to stay within its limit, answers unchanged', () => {
    const store = new ExportStore(rows, undefined, { cacheBytes: 2 * ONE });
    const reference = new ExportStore(rows);
    jsonOf(store, full);
    jsonOf(store, withoutEmail);
    jsonOf(store, full); // full is now the most recently used
    expect(jsonOf(store, pseudo)).toBe(jsonOf(reference, pseudo));
    const stats = store.cacheStats();
    expect(stats.projections).toEqual(['json:full', 'json:pseudonymized']);
    expect(stats.evictions).toBe(1);
    expect(stats.bytes).toBe(2 * ONE);
    // The evicted projection renders again, the same bytes as ever.
    expect(jsonOf(store, withoutEmail)).toBe(jsonOf(reference, withoutEmail));
    expect(store.cacheStats().projections).toEqual(['json:pseudonymized', 'json:withoutEmail']);
  });

  it('keeps nothing when even one projection would exceed the limit, and still answers', () => {
    const store = new ExportStore(rows, undefined, { cacheBytes: ONE - 1 });
    const page = store.page(request, full);
    expect(store.csvBytes(page, full)).toEqual(new ExportStore(rows).csvBytes(page, full));
    expect(jsonOf(store, full)).toBe(JSON.stringify(rows));
    expect(store.cacheStats()).toMatchObject({ bytes: 2 * rows.length * 8, rows: 0 });
  });

  it('refuses a limit that is not a whole number of bytes', () => {
    expect(() => new ExportStore(rows, undefined, { cacheBytes: -1 })).toThrow(
      'row-bytes cache limit must be a non-negative integer of bytes, got -1',
    );
  });

  it('reports every live store through exportStoreCacheStats', () => {
    const store = new ExportStore(rows, undefined, { cacheBytes: 3 * ONE });
    jsonOf(store, pseudo);
    expect(exportStoreCacheStats()).toContainEqual({
      limitBytes: 3 * ONE,
      bytes: ONE,
      projections: ['json:pseudonymized'],
      rows: 3,
      evictions: 0,
    });
  });
});
