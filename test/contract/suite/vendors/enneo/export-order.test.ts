import { describe, expect, it } from 'vitest';
import {
  compareValues,
  firstOrderViolation,
} from '../../../../../src/contract/suite/vendors/enneo/export-order.ts';

const rows = (field: string, values: unknown[], ids?: number[]) =>
  values.map((v, i) => ({ [field]: v, userWorklogId: ids?.[i] ?? i + 1 }));

describe('the export order the suite expects (written from the contract rules)', () => {
  it('accepts numbers ascending and descending, compared numerically (10 after 9)', () => {
    expect(firstOrderViolation(rows('duration', [2, 9, 10]), 'duration', 'asc')).toBeUndefined();
    expect(firstOrderViolation(rows('duration', [10, 9, 2], [3, 2, 1]), 'duration', 'desc')).toBeUndefined();
  });

  it('names a plain misorder of numbers as an order break at the second row of the pair', () => {
    expect(firstOrderViolation(rows('duration', [2, 10, 9]), 'duration', 'asc')).toEqual({
      kind: 'order',
      index: 2,
      message: 'row 2 has duration 9 after 10 (asc)',
    });
  });

  it('puts NULLs first ascending and last descending', () => {
    expect(firstOrderViolation(rows('aiAgent', [null, null, 'a']), 'aiAgent', 'asc')).toBeUndefined();
    expect(
      firstOrderViolation(rows('aiAgent', ['b', 'a', null], [3, 2, 1]), 'aiAgent', 'desc'),
    ).toBeUndefined();
    expect(firstOrderViolation(rows('aiAgent', ['a', null]), 'aiAgent', 'asc')?.kind).toBe('nulls');
    expect(firstOrderViolation(rows('aiAgent', [null, 'a'], [2, 1]), 'aiAgent', 'desc')?.kind).toBe('nulls');
  });

  it('compares strings by code unit, and calls a case-insensitive order a collation break', () => {
    expect(firstOrderViolation(rows('name', ['Zed', 'abe']), 'name', 'asc')).toBeUndefined();
    expect(firstOrderViolation(rows('name', ['abe', 'Zed']), 'name', 'asc')?.kind).toBe('collation');
    expect(firstOrderViolation(rows('name', ['b', 'a']), 'name', 'asc')?.kind).toBe('order');
  });

  it('breaks ties by userWorklogId in the same direction', () => {
    expect(firstOrderViolation(rows('action', ['x', 'x'], [1, 2]), 'action', 'asc')).toBeUndefined();
    expect(firstOrderViolation(rows('action', ['x', 'x'], [2, 1]), 'action', 'desc')).toBeUndefined();
    expect(firstOrderViolation(rows('action', ['x', 'x'], [2, 1]), 'action', 'asc')).toEqual({
      kind: 'tiebreak',
      index: 1,
      message: 'rows 0 and 1 share action "x" but have userWorklogId 2 then 1 (asc)',
    });
    expect(firstOrderViolation(rows('action', ['x', 'x'], [1, 1]), 'action', 'asc')?.kind).toBe('tiebreak');
  });

  it('needs no tie-break when ordering by userWorklogId itself', () => {
    expect(
      firstOrderViolation(rows('userWorklogId', [1, 2, 3], [1, 2, 3]), 'userWorklogId', 'asc'),
    ).toBeUndefined();
    expect(
      firstOrderViolation(rows('userWorklogId', [1, 3, 2], [1, 3, 2]), 'userWorklogId', 'asc')?.kind,
    ).toBe('order');
  });

  it('sorts the space timestamps chronologically as strings', () => {
    const dates = ['2024-05-10 09:00:00', '2024-05-10 14:52:37', '2024-11-01 00:00:00'];
    expect(firstOrderViolation(rows('date', dates), 'date', 'asc')).toBeUndefined();
    expect(compareValues('2024-05-10 14:52:37', '2024-05-10 09:00:00')).toBe(1);
  });
});
