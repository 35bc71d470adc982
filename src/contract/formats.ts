/**
 * The string formats the contracts use beyond JSON Schema's own (see contracts/README.md), and
 * their registration on an Ajv instance together with ajv-formats (date, date-time, uuid, and
 * OpenAPI's int32/int64/float/double).
 */
import type { Ajv, Format } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its default export is the module object, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when year/month/day (month 1-12) names a day that exists in the Gregorian calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

function isClockTime(hours: number, minutes: number, seconds: number): boolean {
  return hours <= 23 && minutes <= 59 && seconds <= 59;
}

const ENNEO_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DD_MM_YYYY = /^(\d{2})-(\d{2})-(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_HMS = /^\d{2,}:[0-5]\d:[0-5]\d$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** `YYYY-MM-DD HH:MM:SS` naming a real calendar day and clock time (Enneo's export timestamps). */
export function isEnneoDateTime(value: string): boolean {
  const m = ENNEO_DATETIME.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return isCalendarDate(y, mo, d) && isClockTime(h, mi, s);
}

/** `DD-MM-YYYY` naming a real calendar day (Autozod's start_date/end_date). */
export function isDdMmYyyy(value: string): boolean {
  const m = DD_MM_YYYY.exec(value);
  if (!m) return false;
  return isCalendarDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

/** `HH:MM:SS` where hours have two or more digits (Autozod's `*_format` durations). */
export function isDurationHms(value: string): boolean {
  return DURATION_HMS.test(value);
}

/** A MongoDB ObjectId: 24 lowercase hex digits (Autozod's agent ids). */
export function isObjectId(value: string): boolean {
  return OBJECT_ID.test(value);
}

const fullDateTime = addFormats.get('date-time', 'full');
const checkDateTime =
  typeof fullDateTime === 'object' && !(fullDateTime instanceof RegExp) && 'validate' in fullDateTime
    ? (fullDateTime.validate as (s: string) => boolean)
    : () => false;

/** `YYYY-MM-DD` naming a real day, or an RFC 3339 date-time (VoIPcube's from/to). */
export function isDateOrDateTime(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (m) return isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return checkDateTime(value);
}

/** The custom formats, by the name a contract's `format` uses. */
export const CUSTOM_FORMATS: Readonly<Record<string, Format>> = {
  'enneo-datetime': { type: 'string', validate: isEnneoDateTime },
  'dd-mm-yyyy': { type: 'string', validate: isDdMmYyyy },
  'duration-hms': { type: 'string', validate: isDurationHms },
  objectid: { type: 'string', validate: isObjectId },
  'date-or-date-time': { type: 'string', validate: isDateOrDateTime },
};

/** Adds ajv-formats (full mode) and the custom formats to `ajv`; returns it for chaining. */
export function registerFormats(ajv: Ajv): Ajv {
  addFormats(ajv, { mode: 'full' });
  for (const [name, format] of Object.entries(CUSTOM_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
