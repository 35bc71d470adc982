/**
 * Time arithmetic and timestamp formatting for the world, all in UTC. Formatting is done by hand
 * from epoch values (day strings cached) because it runs millions of times and must never depend
 * on the machine's locale or time zone.
 */

export const DAY_MS = 86_400_000;
export const DAY_S = 86_400;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a `YYYY-MM-DD` calendar day into days since 1970-01-01 (UTC).
 * @throws Error when the text is not a real calendar day in that exact form.
 */
export function parseDay(text: string): number {
  const match = DAY_PATTERN.exec(text);
  if (!match) throw new Error(`anchor must be a calendar day YYYY-MM-DD, got ${JSON.stringify(text)}`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  if (formatDay(ms / DAY_MS) !== text) {
    throw new Error(`anchor must be a real calendar day, got ${JSON.stringify(text)}`);
  }
  return ms / DAY_MS;
}

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

interface DayText {
  day: string;
  iso: string;
  enneo: string;
}

/** A direct-mapped cache (1024 days, almost three years), looked up millions of times. */
const DAY_SLOTS = 1024;
const dayCache: (DayText | undefined)[] = new Array(DAY_SLOTS).fill(undefined);
const dayKeys = new Float64Array(DAY_SLOTS).fill(Number.NaN);

function dayText(epochDay: number): DayText {
  const slot = epochDay & (DAY_SLOTS - 1);
  if (dayKeys[slot] === epochDay) return dayCache[slot]!;
  const day = new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
  const text = { day, iso: `${day}T`, enneo: `${day} ` };
  dayKeys[slot] = epochDay;
  dayCache[slot] = text;
  return text;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDay(epochDay: number): string {
  return dayText(epochDay).day;
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Every time of day, pre-formatted. A timestamp is then one concatenation of a cached day prefix
 * and a cached time, which V8 keeps as a 32-byte pair of shared strings rather than a tree of
 * small pieces: a million-row world holds millions of timestamps.
 */
const CLOCK: readonly string[] = Array.from({ length: DAY_S }, (_, second) => {
  const h = Math.floor(second / 3600);
  const m = Math.floor((second % 3600) / 60);
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[second % 60]}`;
});
const ISO_CLOCK: readonly string[] = CLOCK.map((text) => `${text}Z`);

/** ISO 8601 UTC with milliseconds, e.g. `2025-09-30T07:02:11.482Z` (VoIPcube, Autozod). */
export function isoMillis(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const rest = ms - day * DAY_MS;
  const second = Math.floor(rest / 1000);
  return `${dayText(day).iso}${CLOCK[second]}.${PAD3[rest - second * 1000]}Z`;
}

/** ISO 8601 UTC without milliseconds, e.g. `2024-06-12T09:51:00Z` (Enneo ticket worklog). */
export function isoSeconds(sec: number): string {
  const day = Math.floor(sec / DAY_S);
  return dayText(day).iso + ISO_CLOCK[sec - day * DAY_S]!;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC), as Enneo's reporting export sends timestamps. */
export function enneoDateTime(sec: number): string {
  const day = Math.floor(sec / DAY_S);
  return dayText(day).enneo + CLOCK[sec - day * DAY_S]!;
}

/** Seconds in [from, to) that fall on a Saturday or Sunday (UTC). */
export function weekendSeconds(from: number, to: number): number {
  let total = 0;
  for (let day = Math.floor(from / DAY_S); day * DAY_S < to; day++) {
    const wd = weekday(day);
    if (wd !== 0 && wd !== 6) continue;
    total += Math.max(0, Math.min(to, (day + 1) * DAY_S) - Math.max(from, day * DAY_S));
  }
  return total;
}
