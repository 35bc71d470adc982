import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDdMmYyyy } from '../../../mocks/autozod/calendar-day.ts';
import {
  type DaySessions,
  type SessionItem,
  sharePercentages,
  summarizeSessionLogs,
} from '../../../mocks/autozod/summary.ts';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function day(text: string): number {
  const parsed = parseDdMmYyyy(text);
  if (!parsed.ok) throw new Error(text);
  return parsed.day;
}

function session(agent_id: string, start: string, end: string): SessionItem {
  return { agent_id, start, end, duration_seconds: (Date.parse(end) - Date.parse(start)) / 1000 };
}

describe('summarizeSessionLogs', () => {
  it('answers one agent over two days, the second without sessions', () => {
    const s1 = session(A, '2025-08-21T08:00:00.000Z', '2025-08-21T12:30:00.000Z');
    const s2 = session(A, '2025-08-21T13:15:00.000Z', '2025-08-21T17:45:00.000Z');
    const data = summarizeSessionLogs(
      [
        { day: day('21-08-2025'), sessions: [s1, s2] },
        { day: day('22-08-2025'), sessions: [] },
      ],
      1,
    );
    expect(data).toEqual({
      summary: {
        total_active_duration_seconds: 32_400,
        total_active_duration_format: '09:00:00',
        total_session_count: 2,
        total_inactive_duration_seconds: 140_400,
        total_inactive_duration_format: '39:00:00',
        active_percentage: 18.75,
        inactive_percentage: 81.25,
      },
      daily_breakdown: [
        {
          date: '21-08-2025',
          active_duration_seconds: 32_400,
          active_duration_format: '09:00:00',
          inactive_duration_seconds: 54_000,
          inactive_duration_format: '15:00:00',
          session_count: 2,
          sessions: [s1, s2],
        },
        {
          date: '22-08-2025',
          active_duration_seconds: 0,
          active_duration_format: '00:00:00',
          inactive_duration_seconds: 86_400,
          inactive_duration_format: '24:00:00',
          session_count: 0,
          sessions: [],
        },
      ],
    });
  });

  it('lists the summary fields in the order of the vendor example', () => {
    const { summary } = summarizeSessionLogs([{ day: 0, sessions: [] }], 1);
    expect(Object.keys(summary)).toEqual([
      'total_active_duration_seconds',
      'total_active_duration_format',
      'total_session_count',
      'total_inactive_duration_seconds',
      'total_inactive_duration_format',
      'active_percentage',
      'inactive_percentage',
    ]);
  });

  it('gives a team of two 172,800 s per day and counts both agents', () => {
    const data = summarizeSessionLogs(
      [
        {
          day: day('31-12-2024'),
          sessions: [
            session(A, '2024-12-31T09:00:00.000Z', '2024-12-31T10:00:00.000Z'),
            session(B, '2024-12-31T09:30:00.000Z', '2024-12-31T11:30:00.000Z'),
          ],
        },
        { day: day('01-01-2025'), sessions: [] },
      ],
      2,
    );
    expect(
      data.daily_breakdown.map((d) => [d.date, d.active_duration_seconds, d.inactive_duration_seconds]),
    ).toEqual([
      ['31-12-2024', 10_800, 162_000],
      ['01-01-2025', 0, 172_800],
    ]);
    expect(data.summary).toMatchObject({
      total_active_duration_seconds: 10_800,
      total_inactive_duration_seconds: 334_800,
      total_inactive_duration_format: '93:00:00',
      total_session_count: 2,
      active_percentage: 3.13,
      inactive_percentage: 96.87,
    });
  });

  it('returns an empty breakdown and 0 % / 0 % for no days at all', () => {
    expect(summarizeSessionLogs([], 3)).toEqual({
      summary: {
        total_active_duration_seconds: 0,
        total_active_duration_format: '00:00:00',
        total_session_count: 0,
        total_inactive_duration_seconds: 0,
        total_inactive_duration_format: '00:00:00',
        active_percentage: 0,
        inactive_percentage: 0,
      },
      daily_breakdown: [],
    });
  });

  it('keeps the summary equal to the sum of the breakdown and each day at 86,400 s per agent', () => {
    const arbDays = fc.array(
      fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 4 }).map((durations) => durations),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arbDays, fc.integer({ min: 1, max: 5 }), (durationsPerDay, agents) => {
        const days: DaySessions[] = durationsPerDay.map((durations, i) => ({
          day: 20_000 + i,
          sessions: durations.map((d) => ({ agent_id: A, start: 's', end: 'e', duration_seconds: d })),
        }));
        const { summary, daily_breakdown } = summarizeSessionLogs(days, agents);
        const sum = (f: (d: (typeof daily_breakdown)[number]) => number) =>
          daily_breakdown.reduce((acc, d) => acc + f(d), 0);
        expect(daily_breakdown).toHaveLength(days.length);
        expect(summary.total_active_duration_seconds).toBe(sum((d) => d.active_duration_seconds));
        expect(summary.total_inactive_duration_seconds).toBe(sum((d) => d.inactive_duration_seconds));
        expect(summary.total_session_count).toBe(sum((d) => d.session_count));
        for (const d of daily_breakdown) {
          expect(d.active_duration_seconds + d.inactive_duration_seconds).toBe(86_400 * agents);
          expect(d.session_count).toBe(d.sessions.length);
        }
        if (days.length > 0) expect(summary.active_percentage + summary.inactive_percentage).toBe(100);
      }),
    );
  });
});

describe('sharePercentages', () => {
  it('is 0 and 0 when there is no time at all', () => {
    expect(sharePercentages(0, 0)).toEqual({ active_percentage: 0, inactive_percentage: 0 });
  });

  it.each([
    [1, 2, 33.33, 66.67],
    [2, 1, 66.67, 33.33],
    [1, 0, 100, 0],
    [0, 1, 0, 100],
    [1, 199_999, 0, 100],
    [1, 19_999, 0.01, 99.99],
    [3, 5, 37.5, 62.5],
  ])('splits %i active / %i inactive into %d %% and %d %%', (active, inactive, a, i) => {
    expect(sharePercentages(active, inactive)).toEqual({ active_percentage: a, inactive_percentage: i });
  });

  it('always adds up to exactly 100 with at most 2 decimals', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1e12 }), fc.nat({ max: 1e12 }), (active, inactive) => {
        fc.pre(active + inactive > 0);
        const { active_percentage, inactive_percentage } = sharePercentages(active, inactive);
        expect(active_percentage + inactive_percentage).toBe(100);
        expect(Math.round(active_percentage * 100) / 100).toBe(active_percentage);
        expect(Math.round(inactive_percentage * 100) / 100).toBe(inactive_percentage);
        expect(active_percentage).toBeGreaterThanOrEqual(0);
        expect(inactive_percentage).toBeLessThanOrEqual(100);
      }),
    );
  });
});
