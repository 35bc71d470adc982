import type { HttpResponse } from '../http-client.ts';
import { describe, isClientError, jsonArray } from '../json-body.ts';
import { robustness } from '../robustness.ts';
import { UnusableTargetError } from '../runner.ts';
import type { CheckContext, EndpointRef } from '../types.ts';

const EP: EndpointRef = { method: 'get', path: '/stats/user-statuses' };
const DAY = 86_400_000;
/** The default world's anchor: where standin has data when today's window is empty. */
const DEFAULT_WORLD_LAST_DAY = '2025-09-30';

type Log = { status: string; userId: string; time: string };

const q = (pairs: Record<string, string | string[]>): [string, string][] =>
  Object.entries(pairs).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]],
  );

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * VoIPcube's plan: auth, required and bounded parameters, the documented page/size fallbacks,
 * pagination, ordering, userIds[] and [from, to] filters, and generated robustness requests.
 */
export async function voipcubePlan(ctx: CheckContext): Promise<void> {
  const get = (query: [string, string][], auth?: Parameters<CheckContext['call']>[2]) =>
    ctx.call(EP, { path: EP.path, query }, auth);

  // A busy day: the last 30 days ending today, else the default world's last month; with
  // --user-id, a day of that user's.
  const userId = ctx.target.ids.userId;
  const ofUser: Record<string, string> = userId ? { 'userIds[]': userId } : {};
  const probe = await get(
    q({ from: day(Date.now() - 30 * DAY), to: day(Date.now() + DAY), page: '1', size: '50', ...ofUser }),
  );
  if (probe.status === 401 || probe.status === 403) {
    throw new UnusableTargetError(
      `the target refused the given key (${probe.status}): check --key / VOIPCUBE_KEY`,
    );
  }
  if (probe.status !== 200) throw new UnusableTargetError(`the target answered ${describe(probe)}`);
  let logs = jsonArray(probe) as Log[] | undefined;
  let lastDay = day(Date.now());
  if (!logs?.length) {
    lastDay = DEFAULT_WORLD_LAST_DAY;
    logs = jsonArray(
      await get(
        q({ from: day(Date.parse(lastDay) - 30 * DAY), to: lastDay, page: '1', size: '50', ...ofUser }),
      ),
    ) as Log[];
  }
  const sample = logs?.at(-1);
  if (!sample) {
    ctx.skip(
      'pagination',
      EP,
      'a window with logs',
      `no status logs${userId ? ` of user ${userId}` : ''} found in the last 30 days nor in the default world window`,
    );
    return;
  }
  // One day of logs around a known log keeps every unpaginated answer small, even on a real vendor.
  const from = `${sample.time.slice(0, 10)}T00:00:00Z`;
  const to = `${sample.time.slice(0, 10)}T23:59:59.999Z`;
  const whole = await get(q({ from, to }));
  const all = (jsonArray(whole) ?? []) as Log[];

  await auth(ctx, from, to);
  await parameters(ctx, get, from, to, all);
  await pagination(ctx, get, from, to, all);
  ordering(ctx, all);
  await filters(ctx, get, from, to, all, userId);
  await robustness(ctx, EP, {
    from: ['2025-09-01', '2025-09-30T10:00:00Z', '', 'yesterday', '2025-13-01', from],
    to: ['2025-09-30', to, '0', '9999-12-31', '2026-10-01'],
    'userIds[]': ['not-a-uuid', sample.userId, ''],
    page: ['0', '1', '-1', '1.5', 'abc', '999999999999'],
    size: ['0', '1', '25', 'x', '-3', '1e3'],
  });
}

async function auth(ctx: CheckContext, from: string, to: string) {
  const query = q({ from, to, page: '1', size: '1' });
  for (const [label, mode] of [
    ['without a Key header', 'none'],
    ['with a wrong key', { headers: { key: 'standin-verify-wrong-key' } }],
  ] as const) {
    const r = await ctx.call(EP, { path: EP.path, query }, mode);
    ctx.expect('auth', EP, `a request ${label} is refused and gets no logs`, isClientError(r.status), {
      message: `expected a 4xx, got ${describe(r)}`,
    });
    ctx.expect('auth', EP, `a request ${label} gets 401`, r.status === 401, {
      message: `got ${r.status}`,
      assumed: true,
    });
  }
}

async function parameters(
  ctx: CheckContext,
  get: (query: [string, string][]) => Promise<HttpResponse>,
  from: string,
  to: string,
  all: Log[],
) {
  const refused = async (title: string, query: [string, string][], assumedOnly = false) => {
    const r = await get(query);
    const ok = ctx.expect('parameters', EP, title, isClientError(r.status), {
      message: `expected a 4xx, got ${describe(r)}`,
      assumed: assumedOnly,
    });
    if (ok) {
      ctx.expect('parameters', EP, `${title} with 400`, r.status === 400, {
        message: `got ${r.status}`,
        assumed: true,
      });
    }
  };
  await refused('a request without from is refused', q({ to, page: '1', size: '1' }));
  await refused('a request without to is refused', q({ from, page: '1', size: '1' }));
  await refused('a from that is not a date is refused', q({ from: 'yesterday', to, page: '1', size: '1' }));
  const start = Date.parse(from);
  const yearLater = new Date(start);
  yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
  await refused(
    'a period of one year and one second is refused',
    q({ from, to: new Date(yearLater.getTime() + 1000).toISOString(), page: '1', size: '1' }),
  );
  const exact = await get(q({ from, to: yearLater.toISOString(), page: '1', size: '1' }));
  ctx.expect('parameters', EP, 'a period of exactly one year is served', exact.status === 200, {
    message: `got ${describe(exact)}`,
    assumed: true,
  });
  await refused('to before from is refused', q({ from: to, to: from, page: '1', size: '1' }), true);
  await refused(
    'a userIds[] value that is not a UUID is refused',
    q({ from, to, 'userIds[]': 'nope' }),
    true,
  );

  // Documented fallbacks: never refused.
  const expectPage = async (title: string, query: Record<string, string>, expected: Log[]) => {
    const r = await get(q({ from, to, ...query }));
    const got = (jsonArray(r) ?? []) as Log[];
    ctx.expect('parameters', EP, title, r.status === 200 && sameLogs(got, expected), {
      message:
        r.status !== 200
          ? `expected 200 with the documented fallback, got ${describe(r)}`
          : `expected the first ${expected.length} logs of the unpaginated answer (the documented fallback), got ${got.length} logs${got.length === expected.length ? ' that differ from them' : ''}`,
    });
  };
  const first = (n: number) => all.slice(0, n);
  await expectPage('page=0 falls back to page 1', { page: '0', size: '2' }, first(2));
  await expectPage('page=-1 falls back to page 1', { page: '-1', size: '2' }, first(2));
  await expectPage('page=abc falls back to page 1', { page: 'abc', size: '2' }, first(2));
  await expectPage('size without page gives page 1', { size: '3' }, first(3));
  await expectPage('page without size gives 25 logs', { page: '1' }, first(25));
  await expectPage('size=0 falls back to 25', { page: '1', size: '0' }, first(25));
  await expectPage('size=abc falls back to 25', { page: '1', size: 'abc' }, first(25));
}

async function pagination(
  ctx: CheckContext,
  get: (query: [string, string][]) => Promise<HttpResponse>,
  from: string,
  to: string,
  all: Log[],
) {
  const size = Math.max(1, Math.min(50, Math.ceil(all.length / 4)));
  const walked: Log[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await get(q({ from, to, page: String(page), size: String(size) }));
    const got = (jsonArray(r) ?? []) as Log[];
    const expected = all.slice((page - 1) * size, page * size);
    ctx.expect(
      'pagination',
      EP,
      `page ${page} of size ${size} holds exactly its slice`,
      sameLogs(got, expected),
      {
        message: `expected ${expected.length} logs starting at index ${(page - 1) * size}, got ${got.length}`,
      },
    );
    walked.push(...got);
    if (got.length < size) break;
  }
  ctx.expect('pagination', EP, 'walking every page yields each log exactly once', sameLogs(walked, all), {
    message: `the pages held ${walked.length} logs; the unpaginated answer ${all.length}`,
  });
  const past = await get(q({ from, to, page: '100000', size: String(size) }));
  ctx.expect('pagination', EP, 'a page past the end is []', jsonArray(past)?.length === 0, {
    message: `got ${describe(past)}`,
    assumed: true,
  });
}

function ordering(ctx: CheckContext, all: Log[]) {
  const badTime = all.findIndex((l, i) => i > 0 && l.time < all[i - 1]!.time);
  ctx.expect('ordering', EP, 'logs ascend by time', badTime === -1, {
    message: `log ${badTime} (${all[badTime]?.time}) comes after ${all[badTime - 1]?.time}`,
    assumed: true,
  });
  const badTie = all.findIndex(
    (l, i) => i > 0 && l.time === all[i - 1]!.time && l.userId < all[i - 1]!.userId,
  );
  ctx.expect('ordering', EP, 'logs with the same time ascend by userId', badTie === -1, {
    message: `log ${badTie} breaks the tie order`,
    assumed: true,
  });
}

async function filters(
  ctx: CheckContext,
  get: (query: [string, string][]) => Promise<HttpResponse>,
  from: string,
  to: string,
  all: Log[],
  userId: string | undefined,
) {
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const outside = all.find((l) => Date.parse(l.time) < lo || Date.parse(l.time) > hi);
  ctx.expect('filters', EP, 'every log is inside [from, to]', !outside, {
    message: `log at ${outside?.time} is outside ${from} … ${to}`,
  });
  // The --user-id user first, so that the one-id filter is about them.
  const users = [...new Set(all.map((l) => l.userId))].sort((a, b) =>
    a === userId ? -1 : b === userId ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const chosen of [users.slice(0, 1), users.slice(0, 2)]) {
    if (chosen.length === 0) continue;
    const r = await get(q({ from, to, 'userIds[]': chosen }));
    const got = (jsonArray(r) ?? []) as Log[];
    const expected = all.filter((l) => chosen.includes(l.userId));
    ctx.expect(
      'filters',
      EP,
      `userIds[] with ${chosen.length} id(s) returns only and all their logs`,
      sameLogs(got, expected),
      {
        message: `expected ${expected.length} logs of ${chosen.join(', ')}, got ${got.length} (${describe(r)})`,
      },
    );
  }
  const unknown = await get(q({ from, to, 'userIds[]': '00000000-0000-4000-8000-000000000000' }));
  ctx.expect('filters', EP, 'a userIds[] value without logs returns []', jsonArray(unknown)?.length === 0, {
    message: `got ${describe(unknown)}`,
  });
  // The same instant written with an offset selects the same logs.
  const first = all[0];
  if (first) {
    const shifted = new Date(Date.parse(first.time) + 2 * 3_600_000).toISOString().slice(0, 19);
    const r = await get(q({ from: `${shifted}+02:00`, to, 'userIds[]': first.userId, page: '1', size: '1' }));
    const got = (jsonArray(r) ?? []) as Log[];
    const atOrAfter = all.find(
      (l) =>
        l.userId === first.userId && Date.parse(l.time) >= Math.floor(Date.parse(first.time) / 1000) * 1000,
    );
    ctx.expect(
      'filters',
      EP,
      'a from with a +02:00 offset is the same instant in UTC',
      got[0]?.time === atOrAfter?.time,
      {
        message: `expected the log at ${atOrAfter?.time}, got ${got[0]?.time ?? 'none'}`,
      },
    );
  }
}

function sameLogs(a: Log[], b: Log[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => l.time === b[i]!.time && l.userId === b[i]!.userId && l.status === b[i]!.status)
  );
}
