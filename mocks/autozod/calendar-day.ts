/**
 * UTC calendar days as integers (days since 1970-01-01), and Autozod's `DD-MM-YYYY` spelling of
 * them. Integer days make ranges, map keys and day arithmetic exact, free of time zones and of
 * `Date`'s two-digit-year quirks.
 */

export const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
 * Does not check that the date exists: 31-02 counts on into March; see {@link parseDdMmYyyy}.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The calendar date of a day number; inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The UTC day a timestamp (ms since the epoch) falls on. */
export function dayOfMs(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

const DD_MM_YYYY = /^(\d{2})-(\d{2})-(\d{4})$/;

/** Why a `DD-MM-YYYY` string was refused: not the shape at all, or a date the calendar lacks. */
export type DateParseResult = { ok: true; day: number } | { ok: false; reason: 'format' | 'calendar' };

/**
 * Parses `DD-MM-YYYY` strictly: two-digit day and month, four-digit year, and a date that exists
 * (31-02-2025 and 29-02-2025 are refused; 29-02-2024 is accepted).
 * @example parseDdMmYyyy('21-08-2025') // { ok: true, day: 20321 }
 */
export function parseDdMmYyyy(text: string): DateParseResult {
  const match = DD_MM_YYYY.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const day = Number(match[1]);
  const month = Number(match[2]);
  const year = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return { ok: false, reason: 'calendar' };
  const n = daysFromCivil(year, month, day);
  // A day past the month's end rolls over into the next month; the round trip catches it.
  const back = civilFromDays(n);
  if (back.year !== year || back.month !== month || back.day !== day)
    return { ok: false, reason: 'calendar' };
  return { ok: true, day: n };
}

/** Spells a day number as `DD-MM-YYYY`. */
export function formatDdMmYyyy(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(year).padStart(4, '0')}`;
}
