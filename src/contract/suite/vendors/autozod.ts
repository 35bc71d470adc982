import { defaultWorldIds } from '../default-world.ts';
import { describe, isClientError, jsonBody } from '../json-body.ts';
import { robustness } from '../robustness.ts';
import { UnusableTargetError } from '../runner.ts';
import type { CheckContext, EndpointRef } from '../types.ts';

const EP: EndpointRef = { method: 'get', path: '/api/sessionLogs/list' };
const DAY = 86_400_000;

interface Day {
  date: string;
  active_duration_seconds: number;
  active_duration_format: string;
  inactive_duration_seconds: number;
  inactive_duration_format: string;
  session_count: number;
  sessions: { agent_id?: string; start: string; end: string; duration_seconds: number }[];
}
interface Summary {
  total_active_duration_seconds: number;
  total_active_duration_format: string;
  total_session_count: number;
  total_inactive_duration_seconds: number;
  total_inactive_duration_format: string;
  active_percentage: number;
  inactive_percentage: number;
}
interface Data {
  summary: Summary;
  daily_breakdown: Day[];
}

/** `DD-MM-YYYY` of a UTC instant. */
export const ddmmyyyy = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

/** `HH:MM:SS`, hours at least two digits. */
export const hms = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/**
 * Autozod's plan: auth, parameter rules, the days of the breakdown against the range, and the
 * summary against the breakdown (sums, percentages, formats).
 */
export async function autozodPlan(ctx: CheckContext): Promise<void> {
  // The default world's ids are read only when the target's are not given.
  const given = ctx.target.ids;
  const fallback = given.teamId && given.agentId ? undefined : await defaultWorldIds();
  const teamId = given.teamId ?? fallback!.teamId;
  const agentId = given.agentId ?? fallback!.agentId;
  const base = { team_id: teamId, agent_id: agentId, type: 'on_duty' };
  const get = (params: Record<string, string>, auth?: Parameters<CheckContext['call']>[2]) =>
    ctx.call(EP, { path: EP.path, query: Object.entries(params) }, auth);

  // A week ending today; if the agent was idle all week, the default world's last week.
  let end = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  let first = await get({ ...base, start_date: ddmmyyyy(end - 6 * DAY), end_date: ddmmyyyy(end) });
  if (first.status === 401 || first.status === 403) {
    throw new UnusableTargetError(
      `the target refused the given token (${first.status}): check --token / AUTOZOD_TOKEN`,
    );
  }
  if (first.status !== 200) {
    throw new UnusableTargetError(
      `the target answered ${describe(first)} for team ${teamId}, agent ${agentId}: check --team-id/--agent-id`,
    );
  }
  if (dataOf(first)?.summary.total_session_count === 0) {
    end = Date.parse(`${(await defaultWorldIds()).lastDay}T00:00:00Z`);
    first = await get({ ...base, start_date: ddmmyyyy(end - 6 * DAY), end_date: ddmmyyyy(end) });
  }

  // auth
  for (const [label, mode] of [
    ['without credentials', 'none'],
    ['with a wrong token', { headers: { authorization: 'Bearer standin-verify-wrong-token' } }],
  ] as const) {
    const r = await get({ ...base, start_date: ddmmyyyy(end), end_date: ddmmyyyy(end) }, mode);
    if (
      ctx.expect('auth', EP, `a request ${label} is refused`, isClientError(r.status), {
        message: `got ${describe(r)}`,
      })
    ) {
      const body = jsonBody(r) as { success?: unknown } | undefined;
      ctx.expect(
        'auth',
        EP,
        `a request ${label} gets 401 {success:false}`,
        r.status === 401 && body?.success === false,
        {
          message: `got ${describe(r)}`,
          assumed: true,
        },
      );
    }
  }

  // parameters (all assumed: the doc's parameter table is empty)
  const day = ddmmyyyy(end);
  const refused = async (title: string, params: Record<string, string>, status = 400) => {
    const r = await get(params);
    const body = jsonBody(r) as { success?: unknown; message?: unknown } | undefined;
    ctx.expect(
      'parameters',
      EP,
      title,
      r.status === status && body?.success === false && typeof body.message === 'string',
      { message: `expected ${status} {success:false, message}, got ${describe(r)}`, assumed: true },
    );
  };
  const { team_id: _t, ...withoutTeam } = base;
  await refused('a request without team_id is refused', { ...withoutTeam, start_date: day, end_date: day });
  await refused('a start_date in YYYY-MM-DD is refused', {
    ...base,
    start_date: new Date(end).toISOString().slice(0, 10),
    end_date: day,
  });
  await refused('an impossible date (31-02-2025) is refused', {
    ...base,
    start_date: '31-02-2025',
    end_date: '31-02-2025',
  });
  await refused('an end_date before start_date is refused', {
    ...base,
    start_date: day,
    end_date: ddmmyyyy(end - DAY),
  });
  await refused('an unknown type is refused', { ...base, type: 'off_duty', start_date: day, end_date: day });
  await refused('a malformed agent_id is refused', {
    ...base,
    agent_id: 'xyz',
    start_date: day,
    end_date: day,
  });
  await refused(
    'an agent that does not exist gets 404',
    { ...base, agent_id: 'ffffffffffffffffffffffff', start_date: day, end_date: day },
    404,
  );

  // filters and consistency over several ranges: a week, one day, a month end, a year end
  const ranges: [number, number][] = [
    [end - 6 * DAY, end],
    [end, end],
    monthEndAround(end),
    [Date.UTC(new Date(end).getUTCFullYear() - 1, 11, 30), Date.UTC(new Date(end).getUTCFullYear(), 0, 2)],
  ];
  for (const [from, to] of ranges) {
    const r = await get({ ...base, start_date: ddmmyyyy(from), end_date: ddmmyyyy(to) });
    const data = dataOf(r);
    if (!data) {
      ctx.expect('filters', EP, `a range ${ddmmyyyy(from)}…${ddmmyyyy(to)} is served`, false, {
        message: describe(r),
      });
      continue;
    }
    checkRange(ctx, data, from, to, 1);
  }
  // A whole team (no agent_id): the sums still hold; agents unknown, so per-day totals are multiples of a day.
  const team = dataOf(
    await get({
      team_id: teamId,
      type: 'on_duty',
      start_date: ddmmyyyy(end - 6 * DAY),
      end_date: ddmmyyyy(end),
    }),
  );
  if (team) checkRange(ctx, team, end - 6 * DAY, end, undefined);

  await robustness(ctx, EP, {
    team_id: [teamId, '', '0', 'x'.repeat(300)],
    agent_id: [agentId, 'xyz', 'FFFFFFFFFFFFFFFFFFFFFFFF', '68a6d35049a09719b70539b4'],
    type: ['on_duty', 'off_duty', ''],
    start_date: [day, '31-02-2025', '2025-08-21', '00-00-0000', '29-02-2024'],
    end_date: [day, '01-01-1970', '31-12-9999', '21-08-2025'],
  });
}

function dataOf(r: { status: number; body: Buffer }): Data | undefined {
  if (r.status !== 200) return undefined;
  const body = (() => {
    try {
      return JSON.parse(r.body.toString('utf8'));
    } catch {
      return undefined;
    }
  })() as { data?: Data } | undefined;
  return body?.data && Array.isArray(body.data.daily_breakdown) ? body.data : undefined;
}

function monthEndAround(end: number): [number, number] {
  const d = new Date(end);
  const lastOfPrev = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0);
  return [lastOfPrev - DAY, lastOfPrev + 2 * DAY];
}

function checkRange(ctx: CheckContext, data: Data, from: number, to: number, agents: number | undefined) {
  const label = `${ddmmyyyy(from)}…${ddmmyyyy(to)}${agents === undefined ? ' (team)' : ''}`;
  const days = data.daily_breakdown;
  const expectedDates: string[] = [];
  for (let t = from; t <= to; t += DAY) expectedDates.push(ddmmyyyy(t));
  const dates = days.map((d) => d.date);
  ctx.expect(
    'filters',
    EP,
    `${label}: one breakdown item per day, oldest first`,
    dates.join() === expectedDates.join(),
    {
      message: `expected ${expectedDates.join(', ')}; got ${dates.join(', ')}`,
      assumed: true,
    },
  );
  const stray = days.flatMap((d) =>
    d.sessions.filter(
      (s) => ddmmyyyy(Date.parse(s.start)) !== d.date || Date.parse(s.end) < Date.parse(s.start),
    ),
  );
  ctx.expect('filters', EP, `${label}: every session lies in its day`, stray.length === 0, {
    message: `${stray.length} session(s) outside their day, e.g. ${JSON.stringify(stray[0])}`,
    assumed: true,
  });

  const s = data.summary;
  const sum = (f: (d: Day) => number) => days.reduce((acc, d) => acc + f(d), 0);
  const checks: [string, number, number][] = [
    ['total_active_duration_seconds', s.total_active_duration_seconds, sum((d) => d.active_duration_seconds)],
    [
      'total_inactive_duration_seconds',
      s.total_inactive_duration_seconds,
      sum((d) => d.inactive_duration_seconds),
    ],
    ['total_session_count', s.total_session_count, sum((d) => d.session_count)],
  ];
  for (const [field, got, expected] of checks) {
    ctx.expect(
      'consistency',
      EP,
      `${label}: summary.${field} is the sum of the breakdown`,
      got === expected,
      {
        message: `summary says ${got}, the days add up to ${expected}`,
        assumed: true,
      },
    );
  }
  const badDay = days.find(
    (d) =>
      d.session_count !== d.sessions.length ||
      d.active_duration_seconds !== d.sessions.reduce((a, x) => a + x.duration_seconds, 0) ||
      d.active_duration_format !== hms(d.active_duration_seconds) ||
      d.inactive_duration_format !== hms(d.inactive_duration_seconds) ||
      (d.active_duration_seconds + d.inactive_duration_seconds) % 86_400 !== 0 ||
      (agents !== undefined && d.active_duration_seconds + d.inactive_duration_seconds !== 86_400 * agents),
  );
  ctx.expect('consistency', EP, `${label}: each day's counts, seconds and formats agree`, !badDay, {
    message: `day ${badDay?.date}: ${JSON.stringify({ ...badDay, sessions: badDay?.sessions.length })}`,
    assumed: true,
  });
  const total = s.total_active_duration_seconds + s.total_inactive_duration_seconds;
  const pctOk =
    total === 0
      ? s.active_percentage === 0 && s.inactive_percentage === 0
      : Math.round((s.active_percentage + s.inactive_percentage) * 100) === 10_000 &&
        Math.abs(s.active_percentage - (100 * s.total_active_duration_seconds) / total) <= 0.01;
  ctx.expect('consistency', EP, `${label}: percentages match the seconds and add up to 100`, pctOk, {
    message: `active ${s.active_percentage} + inactive ${s.inactive_percentage}; seconds ${s.total_active_duration_seconds}/${total}`,
    assumed: true,
  });
  const fmtOk =
    s.total_active_duration_format === hms(s.total_active_duration_seconds) &&
    s.total_inactive_duration_format === hms(s.total_inactive_duration_seconds);
  ctx.expect('consistency', EP, `${label}: the _format fields are HH:MM:SS of the seconds`, fmtOk, {
    message: `${s.total_active_duration_format} / ${s.total_inactive_duration_format}`,
    assumed: true,
  });
}
