/**
 * The centre's calendar: Europe/Berlin shifts across daylight-saving changes, German public
 * holidays off — in the rules and in the default world's VoIPcube and Autozod data.
 */
import { describe, expect, it } from 'vitest';
import { berlinOffsetMs, easterSunday, germanHolidays, isPublicHoliday } from '../../src/world/calendar.ts';
import { generateWorld } from '../../src/world/index.ts';
import { DAY_MS } from './helpers.ts';

const day = (text: string) => Date.parse(`${text}T00:00:00Z`) / DAY_MS;
const HOUR = 3_600_000;

describe('calendar rules', () => {
  it('switches Berlin to summer time on the last Sunday of March and back on the last Sunday of October', () => {
    expect(berlinOffsetMs(day('2025-03-29'))).toBe(HOUR);
    expect(berlinOffsetMs(day('2025-03-30'))).toBe(2 * HOUR);
    expect(berlinOffsetMs(day('2025-10-25'))).toBe(2 * HOUR);
    expect(berlinOffsetMs(day('2025-10-26'))).toBe(HOUR);
    expect(berlinOffsetMs(day('2024-03-31'))).toBe(2 * HOUR);
    expect(berlinOffsetMs(day('2024-10-27'))).toBe(HOUR);
  });

  it('agrees with the time-zone database on every day of 2024 and 2025', () => {
    const format = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    const wrong: string[] = [];
    for (let d = day('2024-01-01'); d <= day('2025-12-31'); d++) {
      const noonUtc = d * DAY_MS + 12 * HOUR;
      const localHour = Number(format.format(new Date(noonUtc)));
      if (localHour - 12 !== berlinOffsetMs(d) / HOUR)
        wrong.push(new Date(noonUtc).toISOString().slice(0, 10));
    }
    expect(wrong).toEqual([]);
  });

  it('finds Easter and the nine German national holidays', () => {
    expect(new Date(easterSunday(2024) * DAY_MS).toISOString().slice(0, 10)).toBe('2024-03-31');
    expect(new Date(easterSunday(2025) * DAY_MS).toISOString().slice(0, 10)).toBe('2025-04-20');
    const names = [...germanHolidays(2025)].map(
      ([d, name]) => `${new Date(d * DAY_MS).toISOString().slice(0, 10)} ${name}`,
    );
    expect(names).toEqual([
      "2025-01-01 New Year's Day",
      '2025-04-18 Good Friday',
      '2025-04-21 Easter Monday',
      '2025-05-01 Labour Day',
      '2025-05-29 Ascension Day',
      '2025-06-09 Whit Monday',
      '2025-10-03 German Unity Day',
      '2025-12-25 Christmas Day',
      '2025-12-26 Second Day of Christmas',
    ]);
    expect(isPublicHoliday(day('2024-10-03'))).toBe(true);
    expect(isPublicHoliday(day('2024-10-04'))).toBe(false);
  });
});

describe('a world of 420 days keeps the calendar', () => {
  // The default world's six weeks hold neither a public holiday nor a DST change; a longer world
  // (the same rules, no tickets needed) holds both.
  const world = generateWorld({ size: { days: 420, tickets: 0 } });
  const sessions = world.autozod.sessions;
  const utcDay = (iso: string) => iso.slice(0, 10);

  it('has no VoIPcube status and no Autozod session on a public holiday', () => {
    const holidays = (text: string) => isPublicHoliday(day(text));
    // 2024-08-08 to 2025-09-30: nine national holidays fall inside the span.
    let inside = 0;
    for (let d = day('2024-08-08'); d <= day('2025-09-30'); d++) if (isPublicHoliday(d)) inside++;
    expect(inside).toBe(9);
    expect(utcDay(sessions[0]!.start) <= '2024-08-08').toBe(true);
    expect(sessions.filter((s) => holidays(utcDay(s.start))).map((s) => s.start)).toEqual([]);
    expect(world.voipcube.statusLogs.filter((l) => holidays(utcDay(l.time))).map((l) => l.time)).toEqual([]);
  });

  it('starts the same shifts an hour earlier in UTC in summer than in winter', () => {
    // The first agent works the early shift (07:00 Berlin, ±15 min): 05:xx UTC in summer, 06:xx in winter.
    const first = world.people[0]!.autozod!.agentId;
    const startHours = (month: string) =>
      new Set(
        sessions
          .filter((s) => s.agentId === first && s.start.slice(5, 7) === month)
          .map((s) => new Date(s.start).getUTCHours()),
      );
    const july = startHours('07');
    const january = startHours('01');
    expect(july.size).toBeGreaterThan(0);
    expect(january.size).toBeGreaterThan(0);
    expect(Math.min(...january) - Math.min(...july)).toBe(1);
  });
});
