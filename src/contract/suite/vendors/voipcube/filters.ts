/**
 * Filters: every log lies in [from, to]; userIds[] with one and two ids returns only and all
 * their logs; an id without logs returns []; a `from` with an offset is the same instant in UTC.
 * Ordering: the logs ascend by time, then userId.
 */
import { describe, jsonArray } from '../../json-body.ts';
import { q } from '../../shared/query.ts';
import { expectRule } from '../../shared/rule-check.ts';
import { EP, get, type Log, sameLogs, type VoipcubeRun } from './run.ts';

/** A valid UUID no user has. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

export function orderingChecks(run: VoipcubeRun, whole: Parameters<typeof expectRule>[3]): void {
  expectRule(run.ctx, EP, run.rules.ordered, whole, 'logs ascend by time, then by userId');
}

export async function filterChecks(run: VoipcubeRun, whole: Parameters<typeof expectRule>[3]): Promise<void> {
  const { ctx, from, to, all, userId } = run;
  expectRule(ctx, EP, run.rules.inRange, whole, 'every log is inside [from, to]');
  // The --user-id user first, so that the one-id filter is about them.
  const users = [...new Set(all.map((l) => l.userId))].sort((a, b) =>
    a === userId ? -1 : b === userId ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const chosen of [users.slice(0, 1), users.slice(0, 2)]) {
    if (chosen.length === 0) continue;
    const r = await get(ctx, q({ from, to, 'userIds[]': chosen }));
    expectRule(
      ctx,
      EP,
      run.rules.onlyUsers,
      r,
      `userIds[] with ${chosen.length} id(s) returns only their logs`,
    );
    const got = (jsonArray(r) ?? []) as Log[];
    const expected = all.filter((l) => chosen.includes(l.userId));
    ctx.expect(
      'filters',
      EP,
      `userIds[] with ${chosen.length} id(s) returns all their logs`,
      sameLogs(got, expected),
      {
        message: `expected ${expected.length} logs of ${chosen.join(', ')}, got ${got.length} (${describe(r)})`,
        request: r.url,
      },
    );
  }
  const unknown = await get(ctx, q({ from, to, 'userIds[]': NOBODY }));
  ctx.expect('filters', EP, 'a userIds[] value without logs returns []', jsonArray(unknown)?.length === 0, {
    message: `got ${describe(unknown)}`,
    request: unknown.url,
  });
  // The same instant written with an offset selects the same logs.
  const first = all[0];
  if (first) {
    const shifted = new Date(Date.parse(first.time) + 2 * 3_600_000).toISOString().slice(0, 19);
    const r = await get(
      ctx,
      q({ from: `${shifted}+02:00`, to, 'userIds[]': first.userId, page: '1', size: '1' }),
    );
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
        request: r.url,
      },
    );
  }
}
