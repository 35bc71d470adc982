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
  it('counts the lunch break as inactive and a day without sessions as neither', () => {
    const s1 = session(A, '2025-08-21T08:00:00.000Z', '2025-08-21T12:30:00.000Z');
    const s2 = session(A, '2025-08-21T13:15:00.000Z', '2025-08-21T17:45:00.000Z');
    const data = summarizeSessionLogs([
      { day: day('21-08-2025'), sessions: [s1, s2] },
      { day: day('22-08-2025'), sessions: [] },
    ]);
    expect(data).toEqual({
      summary: {
        total_active_duration_seconds: 32_400,
        total_active_duration_format: '09:00:00',
        total_session_count: 2,
        total_inactive_duration_seconds: 2_700,
        total_inactive_duration_format: '00:45:00',
        active_percentage: 92.31,
        inactive_percentage: 7.69,
      },
      daily_breakdown: [
        {
          date: '21-08-2025',
          active_duration_seconds: 32_400,
          active_duration_format: '09:00:00',
          inactive_duration_seconds: 2_700,
          inactive_duration_format: '00:45:00',
          session_count: 2,
          sessions: [s1, s2],
        },
        {
          date: '22-08-2025',
          active_duration_seconds: 0,
          active_duration_format: '00:00:00',
          inactive_duration_seconds: 0,
          inactive_duration_format: '00:00:00',
          session_count: 0,
          sessions: [],
        },
      ],
    });
  });

  it('lists the summary fields in the order of the vendor example', () => {
    const { summary } = summarizeSessionLogs([{ day: 0, sessions: [] }]);
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

  it("adds up a team's breaks agent by agent, never the time between two agents' sessions", () => {
    const data = summarizeSessionLogs([
      {
        day: day('31-12-2024'),
        sessions: [
          session(A, '2024-12-31T09:00:00.000Z', '2024-12-31T10:00:00.000Z'),
          session(B, '2024-12-31T09:30:00.000Z', '2024-12-31T11:30:00.000Z'),
          session(A, '2024-12-31T10:30:00.000Z', '2024-12-31T12:00:00.000Z'),
          session(B, '2024-12-31T15:00:00.000Z', '2024-12-31T16:00:00.000Z'),
        ],
      },
      { day: day('01-01-2025'), sessions: [] },
    ]);
    // A: 09:00–12:00 with 30 min off; B: 09:30–16:00 with 3 h 30 min off.
    expect(
      data.daily_breakdown.map((d) => [d.date, d.active_duration_seconds, d.inactive_duration_seconds]),
    ).toEqual([
      ['31-12-2024', 19_800, 14_400],
      ['01-01-2025', 0, 0],
    ]);
    expect(data.summary).toMatchObject({
      total_active_duration_seconds: 19_800,
      total_inactive_duration_seconds: 14_400,
      total_inactive_duration_format: '04:00:00',
      total_session_count: 4,
      active_percentage: 57.89,
      inactive_percentage: 42.11,
    });
  });

  it('counts sub-second ends as whole seconds and never goes below zero inactive', () => {
    const s1 = {
      agent_id: A,
      start: '2025-08-21T08:00:00.400Z',
      end: '2025-08-21T08:00:01.300Z',
      duration_seconds: 0,
    };
    const s2 = {
      agent_id: A,
      start: '2025-08-21T08:00:01.300Z',
      end: '2025-08-21T08:00:02.200Z',
      duration_seconds: 0,
    };
    const [d] = summarizeSessionLogs([{ day: day('21-08-2025'), sessions: [s1, s2] }]).daily_breakdown;
    expect([d?.active_duration_seconds, d?.inactive_duration_seconds]).toEqual([0, 1]);
  });

  it('returns an empty breakdown and 0 % / 0 % for no days at all', () => {
    expect(summarizeSessionLogs([])).toEqual({
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

  it("keeps the summary the sum of the breakdown and each day's total the agents' working spans", () => {
    // Per day, sessions as [agent, start offset s, length s]; starts may overlap between agents.
    const arbSession = fc.tuple(
      fc.constantFrom(A, B),
      fc.integer({ min: 0, max: 40_000 }),
      fc.integer({ min: 0, max: 20_000 }),
    );
    const arbDays = fc.array(fc.array(arbSession, { maxLength: 4 }), { maxLength: 40 });
    fc.assert(
      fc.property(arbDays, (sessionsPerDay) => {
        const days: DaySessions[] = sessionsPerDay.map((list, i) => {
          const midnight = (20_000 + i) * 86_400_000;
          const sessions = list.map(([agent, offset, length]) =>
            session(
              agent,
              new Date(midnight + offset * 1000).toISOString(),
              new Date(midnight + (offset + length) * 1000).toISOString(),
            ),
          );
          return { day: 20_000 + i, sessions };
        });
        const { summary, daily_breakdown } = summarizeSessionLogs(days);
        const sum = (f: (d: (typeof daily_breakdown)[number]) => number) =>
          daily_breakdown.reduce((acc, d) => acc + f(d), 0);
        expect(daily_breakdown).toHaveLength(days.length);
        expect(summary.total_active_duration_seconds).toBe(sum((d) => d.active_duration_seconds));
        expect(summary.total_inactive_duration_seconds).toBe(sum((d) => d.inactive_duration_seconds));
        expect(summary.total_session_count).toBe(sum((d) => d.session_count));
        for (const d of daily_breakdown) {
          const span = (agent: string) => {
            const mine = d.sessions.filter((x) => x.agent_id === agent);
            if (mine.length === 0) return 0;
            return (
              (Math.max(...mine.map((x) => Date.parse(x.end))) -
                Math.min(...mine.map((x) => Date.parse(x.start)))) /
              1000
            );
          };
          // Overlapping sessions of one agent (the world has none) leave no break: inactive is 0.
          expect(d.inactive_duration_seconds).toBe(
            Math.max(0, span(A) + span(B) - d.active_duration_seconds),
          );
          expect(d.session_count).toBe(d.sessions.length);
        }
        if (summary.total_active_duration_seconds + summary.total_inactive_duration_seconds > 0)
          expect(summary.active_percentage + summary.inactive_percentage).toBe(100);
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
