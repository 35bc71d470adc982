import { describe, expect, it } from 'vitest';
import { oneCalendarYearAfter, parseDateRange, parseInstant } from '../../../mocks/voipcube/date-range.ts';
import { thrownBy } from './errors-helper.ts';

const ms = (iso: string) => Date.parse(iso);

describe('parseInstant', () => {
  it('reads a date alone as 00:00:00 UTC', () => {
    expect(parseInstant('2023-05-29')).toBe(ms('2023-05-29T00:00:00.000Z'));
  });

  it('reads the documented date-time form, with or without milliseconds', () => {
    expect(parseInstant('2023-05-29T15:02:10Z')).toBe(ms('2023-05-29T15:02:10.000Z'));
    expect(parseInstant('2023-05-29T15:02:10.282Z')).toBe(ms('2023-05-29T15:02:10.282Z'));
    expect(parseInstant('2023-05-29T15:02:10.5Z')).toBe(ms('2023-05-29T15:02:10.500Z'));
    // Finer than ms is truncated, never rounded up into the next millisecond.
    expect(parseInstant('2023-05-29T15:02:10.123999Z')).toBe(ms('2023-05-29T15:02:10.123Z'));
  });

  it('honours an offset', () => {
    expect(parseInstant('2023-05-29T17:02:10+02:00')).toBe(ms('2023-05-29T15:02:10Z'));
    expect(parseInstant('2023-05-29T09:32:10.001-05:30')).toBe(ms('2023-05-29T15:02:10.001Z'));
    expect(parseInstant('2023-05-29T15:02:10+00:00')).toBe(ms('2023-05-29T15:02:10Z'));
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseInstant('2024-02-29')).toBe(ms('2024-02-29T00:00:00Z'));
    expect(parseInstant('2000-02-29')).toBe(ms('2000-02-29T00:00:00Z'));
    expect(parseInstant('2023-02-29')).toBeUndefined();
    expect(parseInstant('1900-02-29')).toBeUndefined();
  });

  it.each([
    '',
    'abc',
    '2023-13-01',
    '2023-00-10',
    '2023-04-31',
    '2023-05-00',
    '2023-5-29',
    '29-05-2023',
    '20230529',
    '2023-05-29T',
    '2023-05-29T15:02Z',
    '2023-05-29T15:02:10',
    '2023-05-29 15:02:10Z',
    '2023-05-29t15:02:10z',
    '2023-05-29T24:00:00Z',
    '2023-05-29T15:60:00Z',
    '2023-05-29T15:02:60Z',
    '2023-05-29T15:02:10.Z',
    '2023-05-29T15:02:10+0200',
    '2023-05-29T15:02:10+02',
    '2023-05-29T15:02:10+24:00',
    '2023-05-29T15:02:10+02:60',
    ' 2023-05-29',
    '2023-05-29Z',
  ])('refuses %j', (raw) => {
    expect(parseInstant(raw)).toBeUndefined();
  });
});

describe('oneCalendarYearAfter', () => {
  it('keeps month, day and time of day', () => {
    expect(new Date(oneCalendarYearAfter(ms('2023-03-15T10:20:30.456Z'))).toISOString()).toBe(
      '2024-03-15T10:20:30.456Z',
    );
  });

  it('maps 29 February to 28 February of the next year', () => {
    expect(new Date(oneCalendarYearAfter(ms('2024-02-29T12:00:00Z'))).toISOString()).toBe(
      '2025-02-28T12:00:00.000Z',
    );
  });

  it('does not stretch 28 February into a leap day', () => {
    expect(new Date(oneCalendarYearAfter(ms('2023-02-28T00:00:00Z'))).toISOString()).toBe(
      '2024-02-28T00:00:00.000Z',
    );
  });
});

describe('parseDateRange', () => {
  it('gives the inclusive period in epoch ms', () => {
    expect(parseDateRange('2023-07-19', '2023-07-19T13:00:00.5+02:00')).toEqual({
      fromMs: ms('2023-07-19T00:00:00Z'),
      toMs: ms('2023-07-19T11:00:00.500Z'),
    });
  });

  it('refuses a missing or empty from or to with MISSING_PARAMETER naming it', () => {
    for (const [from, to, name] of [
      [undefined, '2023-01-02', 'from'],
      ['', '2023-01-02', 'from'],
      ['2023-01-01', undefined, 'to'],
      ['2023-01-01', '', 'to'],
    ] as const) {
      const err = thrownBy(() => parseDateRange(from, to));
      expect(err).toMatchObject({ status: 400, code: 'MISSING_PARAMETER', parameter: name });
      expect(err.message).toMatch(new RegExp(`^${name} is required: give it as YYYY-MM-DD`));
    }
  });

  it('names from first when both are missing', () => {
    expect(thrownBy(() => parseDateRange(undefined, undefined)).parameter).toBe('from');
  });

  it('refuses an unparseable date with INVALID_PARAMETER naming the parameter and the value', () => {
    const err = thrownBy(() => parseDateRange('2023-02-30', '2023-03-01'));
    expect(err).toMatchObject({ status: 400, code: 'INVALID_PARAMETER', parameter: 'from' });
    expect(err.message).toMatch(/^from "2023-02-30" is not a valid date: give it as YYYY-MM-DD/);
    expect(thrownBy(() => parseDateRange('2023-02-01', 'yesterday'))).toMatchObject({
      code: 'INVALID_PARAMETER',
      parameter: 'to',
    });
  });

  it('refuses to before from, but allows to equal to from', () => {
    const err = thrownBy(() => parseDateRange('2023-05-02', '2023-05-01T23:59:59.999Z'));
    expect(err).toMatchObject({ status: 400, code: 'INVALID_PARAMETER', parameter: 'to' });
    expect(err.message).toBe('to (2023-05-01T23:59:59.999Z) must not be before from (2023-05-02)');
    expect(parseDateRange('2023-05-02', '2023-05-02T00:00:00Z')).toEqual({
      fromMs: ms('2023-05-02'),
      toMs: ms('2023-05-02'),
    });
  });

  describe('one-year limit', () => {
    it('allows exactly one year with dates alone', () => {
      expect(parseDateRange('2023-01-01', '2024-01-01').toMs).toBe(ms('2024-01-01T00:00:00Z'));
    });

    it('refuses one second or one millisecond more', () => {
      for (const to of ['2024-01-01T00:00:01Z', '2024-01-01T00:00:00.001Z', '2024-01-02']) {
        const err = thrownBy(() => parseDateRange('2023-01-01', to));
        expect(err).toMatchObject({ status: 400, code: 'PERIOD_TOO_LONG', parameter: 'to' });
        expect(err.message).toBe(
          `the period from 2023-01-01 to ${to} is longer than one year, the maximum the API serves: to must be at most 2024-01-01T00:00:00.000Z`,
        );
      }
    });

    it('allows exactly one year with date-times and refuses one second more', () => {
      expect(() => parseDateRange('2023-06-15T10:00:00.250Z', '2024-06-15T10:00:00.250Z')).not.toThrow();
      expect(
        thrownBy(() => parseDateRange('2023-06-15T10:00:00.250Z', '2024-06-15T10:00:01.250Z')).code,
      ).toBe('PERIOD_TOO_LONG');
    });

    it('counts the year from the instant an offset names', () => {
      expect(() => parseDateRange('2023-06-15T12:00:00+02:00', '2024-06-15T10:00:00Z')).not.toThrow();
      expect(
        thrownBy(() => parseDateRange('2023-06-15T12:00:00+02:00', '2024-06-15T12:00:00+01:59')).code,
      ).toBe('PERIOD_TOO_LONG');
    });

    it('mixes a date alone and a date-time', () => {
      expect(() => parseDateRange('2023-03-01', '2024-03-01T00:00:00.000Z')).not.toThrow();
      expect(thrownBy(() => parseDateRange('2023-03-01T00:00:00Z', '2024-03-01T00:00:01+00:00')).code).toBe(
        'PERIOD_TOO_LONG',
      );
    });

    it('ends a year from 29 February on 28 February', () => {
      expect(() => parseDateRange('2024-02-29', '2025-02-28')).not.toThrow();
      expect(thrownBy(() => parseDateRange('2024-02-29', '2025-02-28T00:00:00.001Z')).code).toBe(
        'PERIOD_TOO_LONG',
      );
      // Across a leap day the year has 366 days.
      expect(() => parseDateRange('2023-03-01', '2024-03-01')).not.toThrow();
    });
  });
});
