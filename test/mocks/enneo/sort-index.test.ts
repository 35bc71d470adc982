import { describe, expect, it } from 'vitest';
import { compareValues, SortIndex } from '../../../mocks/enneo/sort-index.ts';
import { makeRow } from './helpers.ts';

const rows = [
  makeRow({
    userWorklogId: 1,
    duration: 30,
    status: 'b',
    textAssistanceAccuracy: 0.5,
    date: '2024-05-02 09:00:00',
  }),
  makeRow({
    userWorklogId: 2,
    duration: 10,
    status: null,
    textAssistanceAccuracy: null,
    date: '2024-05-01 23:00:00',
  }),
  makeRow({
    userWorklogId: 3,
    duration: 30,
    status: 'B',
    textAssistanceAccuracy: 0.25,
    date: '2024-05-02 08:00:00',
  }),
  makeRow({
    userWorklogId: 4,
    duration: 200,
    status: 'a',
    textAssistanceAccuracy: 1,
    date: '2024-05-01 01:00:00',
  }),
  makeRow({
    userWorklogId: 5,
    duration: 10,
    status: null,
    textAssistanceAccuracy: 0.5,
    date: '2024-05-02 07:00:00',
  }),
];
const ids = (indices: number[]) => indices.map((i) => rows[i]!.userWorklogId);

describe('sort index', () => {
  const index = new SortIndex(rows);

  it('orders numbers numerically, ties by userWorklogId, and desc is the exact reverse', () => {
    expect(ids(index.page({ column: 'duration', dateOnly: false }, 'asc', 0, 10))).toEqual([2, 5, 1, 3, 4]);
    expect(ids(index.page({ column: 'duration', dateOnly: false }, 'desc', 0, 10))).toEqual([4, 3, 1, 5, 2]);
  });

  it('puts NULLs first ascending and last descending', () => {
    const key = { column: 'textAssistanceAccuracy' as const, dateOnly: false };
    expect(ids(index.page(key, 'asc', 0, 10))).toEqual([2, 3, 1, 5, 4]);
    expect(ids(index.page(key, 'desc', 0, 10))).toEqual([4, 5, 1, 3, 2]);
  });

  it('compares strings by code unit (upper case before lower case), not by locale', () => {
    expect(ids(index.page({ column: 'status', dateOnly: false }, 'asc', 0, 10))).toEqual([2, 5, 3, 4, 1]);
    expect(compareValues('Z', 'a')).toBeLessThan(0);
    expect(compareValues('é', 'z')).toBeGreaterThan(0);
  });

  it('orders date-only dates by the day and then userWorklogId, hiding the time of day', () => {
    expect(ids(index.page({ column: 'date', dateOnly: false }, 'asc', 0, 10))).toEqual([4, 2, 5, 3, 1]);
    expect(ids(index.page({ column: 'date', dateOnly: true }, 'asc', 0, 10))).toEqual([2, 4, 1, 3, 5]);
  });

  it('breaks ties by userWorklogId (NULLs first) however the rows are stored', () => {
    const stored = [rows[4]!, rows[2]!, { ...rows[0]!, userWorklogId: null }, rows[3]!, rows[1]!];
    const order = new SortIndex(stored).page({ column: 'duration', dateOnly: false }, 'asc', 0, 10);
    expect(order.map((i) => stored[i]!.userWorklogId)).toEqual([2, 5, null, 3, 4]);
  });

  it('serves a window of the order and nothing past the end', () => {
    const key = { column: 'duration' as const, dateOnly: false };
    expect(ids(index.page(key, 'asc', 1, 2))).toEqual([5, 1]);
    expect(ids(index.page(key, 'desc', 3, 100))).toEqual([5, 2]);
    expect(index.page(key, 'asc', 5, 10)).toEqual([]);
    expect(index.page(key, 'asc', Number.MAX_SAFE_INTEGER, 1000)).toEqual([]);
  });

  it('builds each order once and reuses it', () => {
    const fresh = new SortIndex(rows);
    const first = fresh.ascending({ column: 'duration', dateOnly: false });
    expect(fresh.ascending({ column: 'duration', dateOnly: true })).toBe(first);
    expect(fresh.ascending({ column: 'date', dateOnly: true })).not.toBe(
      fresh.ascending({ column: 'date', dateOnly: false }),
    );
  });
});
