/**
 * The contact centre's calendar: it works in Germany, in Europe/Berlin time, and closes on the
 * German national public holidays. Shifts are planned in local time, so their UTC times move by
 * an hour across daylight-saving changes, as a real centre's do. Computed by rule rather than
 * from the machine's time-zone data, so every machine builds the same world.
 */
import { DAY_MS, weekday } from './time.ts';

const HOUR_MS = 3_600_000;

/** Epoch day of the last Sunday of a month (month 1–12). */
function lastSunday(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0) / DAY_MS;
  return lastDay - weekday(lastDay);
}

/**
 * Berlin's offset from UTC on an epoch day, in ms, as it stands during working hours: summer
 * time (+2 h) from the last Sunday of March to the Saturday before the last Sunday of October
 * (the EU rule since 1996; the switches happen at night, outside every shift), else +1 h.
 */
export function berlinOffsetMs(epochDay: number): number {
  const year = new Date(epochDay * DAY_MS).getUTCFullYear();
  const summer = epochDay >= lastSunday(year, 3) && epochDay < lastSunday(year, 10);
  return summer ? 2 * HOUR_MS : HOUR_MS;
}

/** Epoch ms of local midnight (Europe/Berlin) of an epoch day: where local clock times start. */
export function localMidnightMs(epochDay: number): number {
  return epochDay * DAY_MS - berlinOffsetMs(epochDay);
}

/** Easter Sunday of a Gregorian year, as an epoch day (anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Names of Germany's nine national public holidays in a year, by epoch day. */
export function germanHolidays(year: number): Map<number, string> {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;
  return new Map([
    [fixed(1, 1), "New Year's Day"],
    [easter - 2, 'Good Friday'],
    [easter + 1, 'Easter Monday'],
    [fixed(5, 1), 'Labour Day'],
    [easter + 39, 'Ascension Day'],
    [easter + 50, 'Whit Monday'],
    [fixed(10, 3), 'German Unity Day'],
    [fixed(12, 25), 'Christmas Day'],
    [fixed(12, 26), 'Second Day of Christmas'],
  ]);
}

const holidayCache = new Map<number, Map<number, string>>();

/** Whether the centre is closed on an epoch day for a public holiday. */
export function isPublicHoliday(epochDay: number): boolean {
  const year = new Date(epochDay * DAY_MS).getUTCFullYear();
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = germanHolidays(year);
    holidayCache.set(year, holidays);
  }
  return holidays.has(epochDay);
}
