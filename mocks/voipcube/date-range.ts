import { apiError } from '../../src/http/errors.ts';

/** An inclusive query period in ms since the epoch: logs with `fromMs <= time <= toMs`. */
export interface DateRange {
  fromMs: number;
  toMs: number;
}

// A date, optionally followed by a time with seconds, an optional fraction and a required zone.
// A date-time without a zone is refused: it would mean the server's local time, which a client
// cannot know.
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:(Z)|([+-])(\d{2}):(\d{2})))?$/;

const FORMAT_HINT =
  'YYYY-MM-DD (meaning 00:00:00 UTC) or an ISO 8601 date-time with a zone, e.g. 2023-05-29T15:02:10Z, 2023-05-29T15:02:10.123Z or 2023-05-29T17:02:10+02:00';

const MS_PER_MINUTE = 60_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Epoch ms of a UTC calendar instant; setUTCFullYear keeps years below 100 literal (Date.UTC would not). */
function utcMs(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

/**
 * Parses one documented date value to epoch ms, or returns undefined when it is not a real
 * calendar instant in an accepted form. A fraction finer than milliseconds is truncated.
 * @example parseInstant('2023-05-29') // 1685318400000 (00:00:00 UTC)
 * @example parseInstant('2023-05-29T17:02:10+02:00') === parseInstant('2023-05-29T15:02:10Z')
 */
export function parseInstant(raw: string): number | undefined {
  const m = INSTANT.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (h === undefined) return utcMs(year, month, day);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  // No leap seconds and no 24:00: the vendor's own timestamps never carry them.
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (z === undefined) {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 23 || offM > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  return utcMs(year, month, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE;
}

/**
 * The instant one calendar year after `ms`: the same month, day and time of day next year, on
 * the UTC calendar. Feb 29 maps to Feb 28 of the next year (the year is never stretched to 366
 * days by landing on Mar 1).
 */
export function oneCalendarYearAfter(ms: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear() + 1;
  const month = d.getUTCMonth() + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return utcMs(
    year,
    month,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function readInstant(name: 'from' | 'to', raw: string | undefined): number {
  if (raw === undefined || raw === '') {
    throw apiError('MISSING_PARAMETER', `${name} is required: give it as ${FORMAT_HINT}`, {
      parameter: name,
    });
  }
  const ms = parseInstant(raw);
  if (ms === undefined) {
    throw apiError('INVALID_PARAMETER', `${name} "${raw}" is not a valid date: give it as ${FORMAT_HINT}`, {
      parameter: name,
    });
  }
  return ms;
}

/**
 * Reads the query period from the raw `from` and `to` values (undefined when absent).
 * Throws MISSING_PARAMETER / INVALID_PARAMETER naming the parameter, INVALID_PARAMETER on `to`
 * when it is before `from`, and PERIOD_TOO_LONG when `to` is later than `from` plus one calendar
 * year (exactly one year is allowed).
 */
export function parseDateRange(rawFrom: string | undefined, rawTo: string | undefined): DateRange {
  const fromMs = readInstant('from', rawFrom);
  const toMs = readInstant('to', rawTo);
  if (toMs < fromMs) {
    throw apiError('INVALID_PARAMETER', `to (${rawTo}) must not be before from (${rawFrom})`, {
      parameter: 'to',
    });
  }
  const limitMs = oneCalendarYearAfter(fromMs);
  if (toMs > limitMs) {
    throw apiError(
      'PERIOD_TOO_LONG',
      `the period from ${rawFrom} to ${rawTo} is longer than one year, the maximum the API serves: to must be at most ${new Date(limitMs).toISOString()}`,
      { parameter: 'to' },
    );
  }
  return { fromMs, toMs };
}
