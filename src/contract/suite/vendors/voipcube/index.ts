/**
 * VoIPcube's plan: a probe that finds a day of logs, then auth, parameters (bounds and the
 * documented page/size fallbacks), pagination, ordering, userIds[] and [from, to] filters, and
 * generated robustness requests.
 */
import { defaultWorldIds } from '../../default-world.ts';
import { jsonArray } from '../../json-body.ts';
import { robustness } from '../../robustness.ts';
import { expectAuthRefusals } from '../../shared/auth.ts';
import { boundaryValues } from '../../shared/contract-reading.ts';
import { errorWith, probeEndpoint } from '../../shared/probe.ts';
import { q } from '../../shared/query.ts';
import type { CheckContext, CheckStep } from '../../types.ts';
import { filterChecks, orderingChecks } from './filters.ts';
import { paginationChecks } from './pagination.ts';
import { parameterChecks } from './parameters.ts';
import { EP, get, type Log, rulesOf, type VoipcubeRun } from './run.ts';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function voipcubePlan(ctx: CheckContext): Promise<CheckStep[]> {
  const op = ctx.contract.operation(EP.method, EP.path);
  // A busy day: the last 30 days ending today, else the default world's last month; with
  // --user-id, a day of that user's.
  const userId = ctx.target.ids.userId;
  const ofUser: Record<string, string> = userId ? { 'userIds[]': userId } : {};
  const probe = await get(
    ctx,
    q({ from: day(Date.now() - 30 * DAY), to: day(Date.now() + DAY), page: '1', size: '50', ...ofUser }),
  );
  const answered = probeEndpoint(ctx, EP, probe, {
    credentialFlags: '--key / VOIPCUBE_KEY',
    credentialNoun: 'key',
    errorShape: errorWith(),
  });
  if (!answered) return [];
  let logs = jsonArray(probe) as Log[] | undefined;
  if (!logs?.length) {
    const lastDay = (await defaultWorldIds()).lastDay;
    logs = jsonArray(
      await get(
        ctx,
        q({ from: day(Date.parse(lastDay) - 30 * DAY), to: lastDay, page: '1', size: '50', ...ofUser }),
      ),
    ) as Log[] | undefined;
  }
  const sample = logs?.at(-1);
  if (!sample || typeof sample.time !== 'string') {
    ctx.skip(
      'pagination',
      EP,
      'a window with logs',
      `no status logs${userId ? ` of user ${userId}` : ''} found in the last 30 days nor in the default world window`,
    );
    return [];
  }
  const from = `${sample.time.slice(0, 10)}T00:00:00Z`;
  const to = `${sample.time.slice(0, 10)}T23:59:59.999Z`;
  const whole = await get(ctx, q({ from, to }));
  const run: VoipcubeRun = {
    ctx,
    op,
    rules: rulesOf(op),
    from,
    to,
    all: (jsonArray(whole) ?? []) as Log[],
    sample,
    ...(userId ? { userId } : {}),
  };
  return [
    {
      checks: ['auth'],
      endpoint: EP,
      run: () =>
        expectAuthRefusals(
          ctx,
          EP,
          [
            ['without a Key header', 'none'],
            ['with a wrong key', { headers: { key: 'standin-verify-wrong-key' } }],
          ],
          (mode) => get(ctx, q({ from, to, page: '1', size: '1' }), mode),
        ),
    },
    { checks: ['parameters'], endpoint: EP, run: () => parameterChecks(run) },
    { checks: ['pagination'], endpoint: EP, run: () => paginationChecks(run) },
    { checks: ['ordering'], endpoint: EP, run: () => orderingChecks(run, whole) },
    { checks: ['filters'], endpoint: EP, run: () => filterChecks(run, whole) },
    {
      checks: ['robustness'],
      endpoint: EP,
      run: () =>
        robustness(
          ctx,
          EP,
          boundaryValues(op, {
            from: ['2025-09-30T10:00:00Z', 'yesterday', '2025-13-01', from],
            to: [to, '9999-12-31', '2026-10-01'],
            'userIds[]': ['not-a-uuid', sample.userId],
            page: ['999999999999'],
          }),
        ),
    },
  ];
}
