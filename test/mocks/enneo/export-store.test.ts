import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../mocks/enneo/csv.ts';
import { ExportStore } from '../../../mocks/enneo/export-store.ts';
import { projectionFor } from '../../../mocks/enneo/privacy.ts';
import { makeRow } from './helpers.ts';

const rows = [
  makeRow({ userWorklogId: 1, date: '2024-05-01 10:00:00', email: 'a@example.com' }),
  makeRow({ userWorklogId: 2, date: '2024-05-03 10:00:00', email: 'b@example.com' }),
  makeRow({ userWorklogId: 3, date: '2024-05-02 10:00:00', email: 'c@example.com' }),
];
const full = projectionFor('none', []);
const pseudo = projectionFor('pseudonymized', []);
const request = { orderByField: 'date', orderByDirection: 'desc', offset: 0, limit: 100 } as const;

describe('export store', () => {
  const store = new ExportStore(rows);

  it('answers a JSON page that parses to the projected rows in order', () => {
    const page = store.page(request, full);
    expect(JSON.parse(store.json(page, full))).toEqual([rows[1], rows[2], rows[0]]);
    expect(store.objects(page, full)).toEqual([rows[1], rows[2], rows[0]]);
  });

  it('serves each projection from its own text, so pseudonymized rows never carry hidden keys', () => {
    const page = store.page({ ...request, limit: 1 }, pseudo);
    expect(store.json(page, full)).toBe(JSON.stringify([rows[1]]));
    const hidden = JSON.parse(store.json(page, pseudo))[0];
    expect(hidden.date).toBe('2024-05-03');
    expect(Object.hasOwn(hidden, 'email')).toBe(false);
    // Asking again returns the same text (served from the cache, not recomputed differently).
    expect(store.json(page, full)).toBe(JSON.stringify([rows[1]]));
  });

  it('answers [] past the end', () => {
    expect(store.json(store.page({ ...request, offset: 3 }, full), full)).toBe('[]');
  });

  it('answers each page as the UTF-8 bytes of its JSON text, non-ASCII names included', () => {
    const accented = new ExportStore([
      makeRow({ userWorklogId: 1, name: 'Zoë Müller – 東京', date: '2024-05-01 10:00:00' }),
      makeRow({ userWorklogId: 2, name: 'Ana', date: '2024-05-02 10:00:00' }),
    ]);
    const page = accented.page(request, full);
    const expected = JSON.stringify(accented.objects(page, full));
    // Twice: once building each row's bytes, once from the cache.
    for (let i = 0; i < 2; i++) {
      const bytes = accented.jsonBytes(page, full);
      expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
      expect(bytes.length).toBe(Buffer.byteLength(expected));
    }
    expect(accented.jsonBytes([], full).toString()).toBe('[]');
  });

  it('answers each CSV page with exactly the bytes of csv-stringify over the whole page', () => {
    const text = fc.oneof(
      fc.constant(null),
      fc.string({ unit: fc.constantFrom('a', 'Ü', '東', ',', '"', '\r', '\n', ' ', ';', '1') }),
    );
    const number = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    const row = fc.record({
      name: text,
      rawData: text,
      topic: text,
      duration: number,
      pendingSeconds: number,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.nat(14), (overrides, limit) => {
        const local = new ExportStore(
          overrides.map((o, i) => makeRow({ ...o, userWorklogId: i + 1 } as Parameters<typeof makeRow>[0])),
        );
        for (const projection of [full, pseudo, projectionFor('partiallyPseudonymized', [])]) {
          for (const orderByDirection of ['asc', 'desc'] as const) {
            const page = local.page({ ...request, orderByDirection, limit: limit + 1 }, projection);
            const expected = toCsv(projection.columns, local.objects(page, projection));
            // Twice: rendering each record, then from the cache.
            expect(local.csvBytes(page, projection).toString('utf8')).toBe(expected);
            expect(local.csvBytes(page, projection).equals(Buffer.from(expected, 'utf8'))).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
