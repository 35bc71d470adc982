import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayOfMs,
  daysFromCivil,
  formatDdMmYyyy,
  parseDdMmYyyy,
} from '../../../mocks/autozod/calendar-day.ts';

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('calendar days', () => {
  it('numbers days like Date.UTC does', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2025, 8, 21)).toBe(dayOf('2025-08-21'));
    expect(daysFromCivil(2024, 2, 29)).toBe(dayOf('2024-02-29'));
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
  });

  it('round-trips every day from year 0 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(0, 1, 1), max: daysFromCivil(9999, 12, 31) }), (n) => {
        const { year, month, day } = civilFromDays(n);
        expect(daysFromCivil(year, month, day)).toBe(n);
        if (year >= 1000) {
          const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
          expect(formatDdMmYyyy(n)).toBe(`${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`);
        }
      }),
    );
  });

  it('parses the doc example date and formats it back', () => {
    expect(parseDdMmYyyy('21-08-2025')).toEqual({ ok: true, day: dayOf('2025-08-21') });
    expect(formatDdMmYyyy(dayOf('2025-08-21'))).toBe('21-08-2025');
  });

  it('accepts 29-02 only in leap years', () => {
    expect(parseDdMmYyyy('29-02-2024')).toEqual({ ok: true, day: dayOf('2024-02-29') });
    expect(parseDdMmYyyy('29-02-2025')).toEqual({ ok: false, reason: 'calendar' });
    expect(parseDdMmYyyy('29-02-1900')).toEqual({ ok: false, reason: 'calendar' });
    expect(parseDdMmYyyy('29-02-2000')).toEqual({ ok: true, day: dayOf('2000-02-29') });
  });

  it.each(['31-02-2025', '31-04-2025', '00-01-2025', '01-00-2025', '01-13-2025', '32-01-2025'])(
    'refuses %s as not a calendar date',
    (text) => {
      expect(parseDdMmYyyy(text)).toEqual({ ok: false, reason: 'calendar' });
    },
  );

  it.each([
    '2025-08-21',
    '1-8-2025',
    '21/08/2025',
    '21-08-25',
    ' 21-08-2025',
    '21-08-2025 ',
    '',
    '२१-०८-२०२५',
  ])('refuses %j as not DD-MM-YYYY', (text) => {
    expect(parseDdMmYyyy(text)).toEqual({ ok: false, reason: 'format' });
  });

  it('puts a timestamp on its UTC day', () => {
    expect(dayOfMs(Date.parse('2025-08-21T23:59:59.999Z'))).toBe(dayOf('2025-08-21'));
    expect(dayOfMs(Date.parse('2025-08-22T00:00:00.000Z'))).toBe(dayOf('2025-08-22'));
    expect(dayOfMs(Date.parse('1969-12-31T12:00:00.000Z'))).toBe(-1);
  });
});
