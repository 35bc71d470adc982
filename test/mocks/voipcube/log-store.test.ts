import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogStore } from '../../../mocks/voipcube/log-store.ts';
import type { StatusLog } from '../../../src/world/types.ts';

const A = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
const B = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
const C = 'f3a8c1de-1111-4222-8333-944445555666';

const log = (userId: string, time: string, status = 'Available'): StatusLog => ({ status, userId, time });
const range = (from: string, to: string) => ({ fromMs: Date.parse(from), toMs: Date.parse(to) });
const parsed = (items: Iterable<string>) => [...items].map((s) => JSON.parse(s) as StatusLog);

// Deliberately out of canonical order: the store must not rely on its input being sorted.
const LOGS: StatusLog[] = [
  log(B, '2023-07-19T13:12:55.243Z'),
  log(A, '2023-07-19T12:58:19.282Z', 'Customer visit'),
  log(C, '2023-07-19T13:12:55.243Z', 'Lunch'),
  log(A, '2023-07-19T13:11:22.600Z', 'Researching problem'),
  log(B, '2023-07-19T13:24:04.569Z', ''),
  log(A, '2023-07-19T13:12:55.243Z', 'Meeting'),
  log(A, '2023-07-19T13:41:24.075Z'),
];

describe('createLogStore', () => {
  const store = createLogStore(LOGS);

  it('serves logs by time ascending, ties by userId', () => {
    const all = store.select(range('2023-07-19T00:00:00Z', '2023-07-20T00:00:00Z'));
    expect(all.count).toBe(7);
    expect(parsed(all.json()).map((l) => `${l.time} ${l.userId.slice(0, 2)}`)).toEqual([
      '2023-07-19T12:58:19.282Z 0d',
      '2023-07-19T13:11:22.600Z 0d',
      '2023-07-19T13:12:55.243Z 0d',
      '2023-07-19T13:12:55.243Z eb',
      '2023-07-19T13:12:55.243Z f3',
      '2023-07-19T13:24:04.569Z eb',
      '2023-07-19T13:41:24.075Z 0d',
    ]);
  });

  it('serialises each log with the documented keys in order', () => {
    const first = [...store.select(range('2023-07-19T12:58:19.282Z', '2023-07-19T12:58:19.282Z')).json()];
    expect(first).toEqual([
      '{"status":"Customer visit","userId":"0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e","time":"2023-07-19T12:58:19.282Z"}',
    ]);
  });

  it('includes logs exactly at from and exactly at to, and nothing a millisecond outside', () => {
    const sel = store.select(range('2023-07-19T13:11:22.600Z', '2023-07-19T13:24:04.569Z'));
    expect(parsed(sel.json()).map((l) => l.time)).toEqual([
      '2023-07-19T13:11:22.600Z',
      '2023-07-19T13:12:55.243Z',
      '2023-07-19T13:12:55.243Z',
      '2023-07-19T13:12:55.243Z',
      '2023-07-19T13:24:04.569Z',
    ]);
    expect(store.select(range('2023-07-19T13:11:22.601Z', '2023-07-19T13:24:04.568Z')).count).toBe(3);
  });

  it('selects nothing outside the logs', () => {
    const sel = store.select(range('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'));
    expect(sel.count).toBe(0);
    expect([...sel.json()]).toEqual([]);
  });

  it('filters by users, merging their logs in canonical order', () => {
    const day = range('2023-07-19T00:00:00Z', '2023-07-20T00:00:00Z');
    const onlyB = store.select(day, new Set([B]));
    expect(onlyB.count).toBe(2);
    expect(parsed(onlyB.json()).map((l) => l.status)).toEqual(['Available', '']);
    const bAndC = store.select(day, new Set([C, B]));
    expect(parsed(bAndC.json()).map((l) => [l.userId.slice(0, 2), l.time.slice(11)])).toEqual([
      ['eb', '13:12:55.243Z'],
      ['f3', '13:12:55.243Z'],
      ['eb', '13:24:04.569Z'],
    ]);
    expect(store.select(day, new Set(['00000000-0000-4000-8000-000000000000'])).count).toBe(0);
  });

  it('slices a selection into pages', () => {
    const day = range('2023-07-19T00:00:00Z', '2023-07-20T00:00:00Z');
    expect(parsed(store.select(day).json(2, 4)).map((l) => l.status)).toEqual(['Meeting', 'Available']);
    expect(parsed(store.select(day, new Set([A, B])).json(1, 3)).map((l) => l.status)).toEqual([
      'Researching problem',
      'Meeting',
    ]);
    expect([...store.select(day).json(7, 32)]).toEqual([]);
  });

  it('refuses a log whose time is not a date', () => {
    expect(() => createLogStore([log(A, 'soon')])).toThrow('status log time "soon" is not a date');
  });

  it('answers exactly as a naive filter and sort, with merged and masked user filters', () => {
    const users = [A, B, C, '11111111-2222-4333-8444-555555555555'];
    const base = Date.parse('2023-01-01T00:00:00Z');
    const arbLog = fc.record({
      status: fc.constantFrom('', 'Available', 'Lunch'),
      userId: fc.constantFrom(...users),
      time: fc.integer({ min: 0, max: 50 }).map((m) => new Date(base + m * 1000).toISOString()),
    });
    const arbMs = fc.integer({ min: -5, max: 55 }).map((m) => base + m * 1000);
    fc.assert(
      fc.property(
        fc.array(arbLog, { maxLength: 60 }),
        arbMs,
        arbMs,
        fc.option(fc.subarray(users, { minLength: 1 }), { nil: undefined }),
        fc.nat(70),
        fc.nat(70),
        (logs, a, b, ids, s, len) => {
          const r = { fromMs: Math.min(a, b), toMs: Math.max(a, b) };
          const filter = ids && new Set(ids);
          const expected = logs
            .map((l, i) => ({ l, i }))
            .filter(({ l }) => {
              const t = Date.parse(l.time);
              return t >= r.fromMs && t <= r.toMs && (!filter || filter.has(l.userId));
            })
            .sort(
              (x, y) => x.l.time.localeCompare(y.l.time) || x.l.userId.localeCompare(y.l.userId) || x.i - y.i,
            )
            .map(({ l }) => l);
          for (const mergeLimit of [1, 16]) {
            const sel = createLogStore(logs, { mergeLimit }).select(r, filter);
            expect(sel.count).toBe(expected.length);
            expect(parsed(sel.json())).toEqual(expected);
            expect(parsed(sel.json(s, s + len))).toEqual(expected.slice(s, s + len));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
