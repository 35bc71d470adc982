import { describe, expect, it } from 'vitest';
import { pageWindow, parsePaging } from '../../../mocks/voipcube/paging.ts';

describe('parsePaging', () => {
  it('is off unless page or size is present', () => {
    expect(parsePaging({})).toBeUndefined();
    expect(parsePaging({ from: '2023-01-01', to: '2023-02-01' })).toBeUndefined();
  });

  it('reads whole positive numbers', () => {
    expect(parsePaging({ page: '3', size: '10' })).toEqual({ page: 3, size: 10 });
    expect(parsePaging({ page: '02', size: '007' })).toEqual({ page: 2, size: 7 });
  });

  it('defaults page to 1 when only size is given, and size to 25 when only page is given', () => {
    expect(parsePaging({ size: '10' })).toEqual({ page: 1, size: 10 });
    expect(parsePaging({ page: '2' })).toEqual({ page: 2, size: 25 });
  });

  it.each([
    ['0'],
    ['-1'],
    ['1.5'],
    ['1.0'],
    ['abc'],
    [''],
    ['1e2'],
    ['+2'],
    [' 2'],
    ['0x10'],
    ['99999999999999999999'],
    [['2', '3']],
  ])('falls back silently for %j', (bad) => {
    expect(parsePaging({ page: bad, size: '10' })).toEqual({ page: 1, size: 10 });
    expect(parsePaging({ page: '2', size: bad })).toEqual({ page: 2, size: 25 });
  });

  it('turns paging on with an empty page or size', () => {
    expect(parsePaging({ page: '' })).toEqual({ page: 1, size: 25 });
    expect(parsePaging({ size: '' })).toEqual({ page: 1, size: 25 });
  });
});

describe('pageWindow', () => {
  it('selects everything without paging', () => {
    expect(pageWindow(60, undefined)).toEqual({ start: 0, end: 60 });
  });

  it('selects the page, short at the end and empty past it', () => {
    expect(pageWindow(60, { page: 1, size: 25 })).toEqual({ start: 0, end: 25 });
    expect(pageWindow(60, { page: 3, size: 25 })).toEqual({ start: 50, end: 60 });
    expect(pageWindow(60, { page: 4, size: 25 })).toEqual({ start: 60, end: 60 });
    expect(pageWindow(60, { page: Number.MAX_SAFE_INTEGER, size: Number.MAX_SAFE_INTEGER })).toEqual({
      start: 60,
      end: 60,
    });
  });
});
