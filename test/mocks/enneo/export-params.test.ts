import { describe, expect, it } from 'vitest';
import { parseExportQuery } from '../../../mocks/enneo/export-params.ts';
import type { ApiError } from '../../../src/http/errors.ts';
import { EXPORT_COLUMNS } from '../../../src/world/types.ts';

function rejection(query: Record<string, unknown>): ApiError {
  try {
    parseExportQuery(query, 'json');
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('export query', () => {
  it('defaults to limit 100, offset 0, date descending and the configured format', () => {
    expect(parseExportQuery({}, 'csv')).toEqual({
      limit: 100,
      offset: 0,
      orderByField: 'date',
      orderByDirection: 'desc',
      format: 'csv',
    });
  });

  it('accepts limit 1 and 1000, any offset from 0, every column, both directions and each format', () => {
    expect(parseExportQuery({ limit: '1', offset: '0' }, 'json')).toMatchObject({ limit: 1, offset: 0 });
    expect(parseExportQuery({ limit: '1000', offset: '999999999999999999999' }, 'json')).toMatchObject({
      limit: 1000,
      offset: Number.MAX_SAFE_INTEGER,
    });
    for (const column of EXPORT_COLUMNS) {
      expect(parseExportQuery({ orderByField: column }, 'json').orderByField).toBe(column);
    }
    expect(parseExportQuery({ orderByDirection: 'asc' }, 'json').orderByDirection).toBe('asc');
    expect(parseExportQuery({ orderByDirection: 'desc' }, 'json').orderByDirection).toBe('desc');
    for (const format of ['json', 'csv', 'xlsx']) {
      expect(parseExportQuery({ format }, 'json').format).toBe(format);
    }
  });

  it.each([
    ['limit', '0', 'limit must be an integer from 1 to 1000, got "0"'],
    ['limit', '1001', 'limit must be an integer from 1 to 1000, got "1001"'],
    ['limit', '-1', 'limit must be an integer from 1 to 1000, got "-1"'],
    ['limit', '1.5', 'limit must be an integer from 1 to 1000, got "1.5"'],
    ['limit', 'abc', 'limit must be an integer from 1 to 1000, got "abc"'],
    ['limit', '', 'limit must be an integer from 1 to 1000, got ""'],
    ['limit', '1e2', 'limit must be an integer from 1 to 1000, got "1e2"'],
    ['offset', '-1', 'offset must be an integer of 0 or more, got "-1"'],
    ['offset', '2.5', 'offset must be an integer of 0 or more, got "2.5"'],
    ['offset', 'x', 'offset must be an integer of 0 or more, got "x"'],
    ['orderByDirection', 'ASC', 'orderByDirection must be asc or desc, got "ASC"'],
    ['orderByDirection', 'up', 'orderByDirection must be asc or desc, got "up"'],
    ['format', 'xml', 'format must be one of json, csv, xlsx, got "xml"'],
  ])('rejects %s=%j with 400 naming the parameter and the rule', (parameter, value, message) => {
    const err = rejection({ [parameter]: value });
    expect({ status: err.status, code: err.code, parameter: err.parameter, message: err.message }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER',
      parameter,
      message,
    });
  });

  it('rejects an unknown orderByField listing the columns', () => {
    const err = rejection({ orderByField: 'Date' });
    expect(err.parameter).toBe('orderByField');
    expect(err.message).toBe(
      `orderByField must be one of the export columns (${EXPORT_COLUMNS.join(', ')}), got "Date"`,
    );
  });

  it.each(['limit', 'offset', 'orderByField', 'orderByDirection', 'format'])(
    'rejects a repeated %s',
    (name) => {
      const err = rejection({ [name]: ['1', '2'] });
      expect([err.status, err.parameter, err.message]).toEqual([
        400,
        name,
        `${name} must be given at most once`,
      ]);
    },
  );

  it('cuts a huge rejected value short in the message', () => {
    expect(rejection({ limit: 'a'.repeat(5000) }).message).toBe(
      `limit must be an integer from 1 to 1000, got "${'a'.repeat(40)}…"`,
    );
  });
});
