import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../../src/world/index.ts';
import type { World } from '../../../src/world/types.ts';
import { AUTH, createTestApp, PATH } from './app-helper.ts';

interface Day {
  date: string;
  active_duration_seconds: number;
  inactive_duration_seconds: number;
  session_count: number;
  sessions: { agent_id: string; start: string; end: string; duration_seconds: number }[];
}
interface Data {
  summary: Record<string, number | string>;
  daily_breakdown: Day[];
}

let world: World;
let app: ReturnType<typeof createTestApp>;
let team1000: string[];
beforeAll(() => {
  // Year ends and 366-day windows need more than the default world's six weeks; no tickets needed.
  world = generateWorld({ size: { days: 420, tickets: 0 } });
  app = createTestApp(world);
  team1000 = world.people.flatMap((p) => (p.autozod?.teamId === '1000' ? [p.autozod.agentId] : []));
});

async function data(query: string): Promise<Data> {
  const res = await request(app).get(`${PATH}?${query}`).set('Authorization', AUTH);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.success).toBe(true);
  return res.body.data as Data;
}

/** The world's own sessions of these agents on a `YYYY-MM-DD` day: the oracle the answers are checked against. */
function worldSessions(agentIds: string[], isoDay: string) {
  return world.autozod.sessions
    .filter((s) => agentIds.includes(s.agentId) && s.start.startsWith(isoDay))
    .map((s) => ({
      agent_id: s.agentId,
      start: s.start,
      end: s.end,
      duration_seconds: Math.floor((Date.parse(s.end) - Date.parse(s.start)) / 1000),
    }));
}

/** Seconds from each agent's first session start to their last session end, summed over agents. */
function spanSeconds(sessions: { agent_id: string; start: string; end: string }[]): number {
  const spans = new Map<string, [number, number]>();
  for (const s of sessions) {
    const [from, to] = spans.get(s.agent_id) ?? [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    spans.set(s.agent_id, [Math.min(from, Date.parse(s.start)), Math.max(to, Date.parse(s.end))]);
  }
  let total = 0;
  for (const [from, to] of spans.values()) total += Math.floor((to - from) / 1000);
  return total;
}

const isoOf = (ddmmyyyy: string) => `${ddmmyyyy.slice(6)}-${ddmmyyyy.slice(3, 5)}-${ddmmyyyy.slice(0, 2)}`;

function expectConsistent(d: Data, agentIds: string[], days: number): void {
  const sum = (f: (x: Day) => number) => d.daily_breakdown.reduce((a, x) => a + f(x), 0);
  expect(d.daily_breakdown).toHaveLength(days);
  expect(d.summary.total_active_duration_seconds).toBe(sum((x) => x.active_duration_seconds));
  expect(d.summary.total_inactive_duration_seconds).toBe(sum((x) => x.inactive_duration_seconds));
  expect(d.summary.total_session_count).toBe(sum((x) => x.session_count));
  const shares = (d.summary.active_percentage as number) + (d.summary.inactive_percentage as number);
  expect(shares).toBe(d.summary.total_session_count === 0 ? 0 : 100);
  for (const x of d.daily_breakdown) {
    // Inactive is the breaks: each agent's working span (first start to last end) minus on duty.
    expect(x.active_duration_seconds + x.inactive_duration_seconds).toBe(spanSeconds(x.sessions));
    expect(x.active_duration_seconds).toBe(x.sessions.reduce((a, s) => a + s.duration_seconds, 0));
    expect(x.sessions).toEqual(worldSessions(agentIds, isoOf(x.date)));
  }
}

describe('GET /autozod/api/sessionLogs/list over a world of 420 days', () => {
  it('serves the doc example dates for an agent of team 1000 exactly as the world holds them', async () => {
    const agentId = team1000[0]!;
    const d = await data(
      `team_id=1000&agent_id=${agentId}&type=on_duty&start_date=21-08-2025&end_date=21-08-2025`,
    );
    const expected = worldSessions([agentId], '2025-08-21');
    const active = expected.reduce((a, s) => a + s.duration_seconds, 0);
    expect(d.daily_breakdown.map((x) => x.date)).toEqual(['21-08-2025']);
    expect(d.daily_breakdown[0]!.sessions).toEqual(expected);
    expect(d.summary.total_active_duration_seconds).toBe(active);
    expect(d.summary.total_inactive_duration_seconds).toBe(spanSeconds(expected) - active);
    expect(d.summary.total_session_count).toBe(expected.length);
  });

  it('answers an agent id that is not in the default world with 404', async () => {
    const res = await request(app)
      .get(
        `${PATH}?team_id=1000&agent_id=ffffffffffffffffffffffff&type=on_duty&start_date=21-08-2025&end_date=21-08-2025`,
      )
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      success: false,
      message: 'agent ffffffffffffffffffffffff does not exist',
      code: 'NOT_FOUND',
      parameter: 'agent_id',
    });
  });

  it.each([
    ['a week', '15-09-2025', '21-09-2025', 7],
    ['a month end', '30-08-2025', '02-09-2025', 4],
    ['a year end', '30-12-2024', '02-01-2025', 4],
    ['the last 366 days', '30-09-2024', '30-09-2025', 366],
  ])(
    'keeps summary = sum of the breakdown for each agent of team 1000 over %s',
    async (_label, from, to, days) => {
      for (const agentId of team1000.slice(0, 3)) {
        expectConsistent(
          await data(`team_id=1000&agent_id=${agentId}&start_date=${from}&end_date=${to}`),
          [agentId],
          days,
        );
      }
    },
  );

  it.each([
    ['1000', '30-12-2024', '02-01-2025', 4],
    ['1001', '25-08-2025', '07-09-2025', 14],
    ['1002', '01-09-2025', '30-09-2025', 30],
  ])('aggregates team %s over %s…%s as the sum of its agents', async (teamId, from, to, days) => {
    const members = world.people.flatMap((p) => (p.autozod?.teamId === teamId ? [p.autozod.agentId] : []));
    expect(members.length).toBeGreaterThan(0);
    const team = await data(`team_id=${teamId}&start_date=${from}&end_date=${to}`);
    expectConsistent(team, members, days);
    const perAgent = await Promise.all(
      members.map((a) => data(`team_id=${teamId}&agent_id=${a}&start_date=${from}&end_date=${to}`)),
    );
    const total = (field: string) => perAgent.reduce((acc, d) => acc + (d.summary[field] as number), 0);
    expect(team.summary.total_active_duration_seconds).toBe(total('total_active_duration_seconds'));
    expect(team.summary.total_inactive_duration_seconds).toBe(total('total_inactive_duration_seconds'));
    expect(team.summary.total_session_count).toBe(total('total_session_count'));
    expect(team.summary.total_session_count).toBeGreaterThan(0);
  });

  it('shows days without sessions (weekends and days after the anchor) with no time at all', async () => {
    const d = await data(`team_id=1000&agent_id=${team1000[0]}&start_date=24-09-2025&end_date=04-10-2025`);
    const empty = d.daily_breakdown.filter((x) => x.session_count === 0);
    expect(empty.length).toBeGreaterThanOrEqual(4);
    for (const x of empty) {
      expect(x).toMatchObject({
        active_duration_seconds: 0,
        inactive_duration_seconds: 0,
        sessions: [],
      });
    }
    expect(d.daily_breakdown.slice(-4).map((x) => x.session_count)).toEqual([0, 0, 0, 0]);
  });

  it('reads a full-time agent as mostly active: breaks are a small share of the working day', async () => {
    const agentId = team1000[0]!;
    const month = await data(`team_id=1000&agent_id=${agentId}&start_date=01-09-2025&end_date=30-09-2025`);
    const year = await data(`team_id=1000&agent_id=${agentId}&start_date=01-01-2024&end_date=31-12-2024`);
    expect(month.summary.total_session_count).toBeGreaterThan(15);
    for (const d of [month, year]) {
      expect(d.summary.active_percentage).toBeGreaterThan(80);
      expect(d.summary.active_percentage).toBeLessThan(100);
    }
  });

  it('never gives an agent more than a day of active time in a day', async () => {
    for (const p of world.people) {
      if (!p.autozod) continue;
      const d = await data(
        `team_id=${p.autozod.teamId}&agent_id=${p.autozod.agentId}&start_date=30-09-2024&end_date=30-09-2025`,
      );
      for (const x of d.daily_breakdown) expect(x.inactive_duration_seconds).toBeGreaterThanOrEqual(0);
    }
  });
});
