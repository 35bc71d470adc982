/**
 * Autozod's plan: a probe for a week with sessions, then auth, parameter rules, the days of the
 * breakdown against the range, the summary against the breakdown, and generated requests.
 */

import { ddmmyyyy } from '../../../exchange/rules/autozod.ts';
import { defaultWorldIds } from '../../default-world.ts';
import { jsonBody } from '../../json-body.ts';
import { robustness } from '../../robustness.ts';
import { expectAuthRefusals } from '../../shared/auth.ts';
import { boundaryValues } from '../../shared/contract-reading.ts';
import { errorWith, probeEndpoint } from '../../shared/probe.ts';
import { rulesFor } from '../../shared/rule-check.ts';
import type { CheckContext, CheckStep } from '../../types.ts';
import { parameterChecks } from './parameters.ts';
import { rangeChecks, rangeFetcher } from './ranges.ts';
import { type AutozodRun, DAY, EP, get } from './run.ts';

const sessionCount = (body: unknown) =>
  (body as { data?: { summary?: { total_session_count?: unknown } } } | undefined)?.data?.summary
    ?.total_session_count;

export async function autozodPlan(ctx: CheckContext): Promise<CheckStep[]> {
  const op = ctx.contract.operation(EP.method, EP.path);
  // The default world's ids are read only when the target's are not given.
  const given = ctx.target.ids;
  const fallback = given.teamId && given.agentId ? undefined : await defaultWorldIds();
  const teamId = given.teamId ?? fallback!.teamId;
  const agentId = given.agentId ?? fallback!.agentId;
  const base = { team_id: teamId, agent_id: agentId, type: 'on_duty' };

  // A week ending today; if the agent was idle all week, the default world's last week.
  const now = new Date();
  let end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let first = await get(ctx, { ...base, start_date: ddmmyyyy(end - 6 * DAY), end_date: ddmmyyyy(end) });
  const answered = probeEndpoint(ctx, EP, first, {
    credentialFlags: '--token / AUTOZOD_TOKEN',
    credentialNoun: 'token',
    idFlags: `--team-id/--agent-id (team ${teamId}, agent ${agentId})`,
    errorShape: errorWith({ success: false }),
  });
  if (!answered) return [];
  if (sessionCount(jsonBody(first)) === 0) {
    end = Date.parse(`${(await defaultWorldIds()).lastDay}T00:00:00Z`);
    first = await get(ctx, { ...base, start_date: ddmmyyyy(end - 6 * DAY), end_date: ddmmyyyy(end) });
  }
  const run: AutozodRun = { ctx, op, rules: rulesFor(op), teamId, agentId, end, base };
  const ranges = rangeFetcher(run);
  const day = ddmmyyyy(end);
  return [
    {
      checks: ['auth'],
      endpoint: EP,
      run: () =>
        expectAuthRefusals(
          ctx,
          EP,
          [
            ['without credentials', 'none'],
            ['with a wrong token', { headers: { authorization: 'Bearer standin-verify-wrong-token' } }],
          ],
          (mode) => get(ctx, { ...base, start_date: day, end_date: day }, mode),
        ),
    },
    { checks: ['parameters'], endpoint: EP, run: () => parameterChecks(run) },
    { checks: ['filters'], endpoint: EP, run: () => rangeChecks(run, ranges, 'filters') },
    { checks: ['consistency'], endpoint: EP, run: () => rangeChecks(run, ranges, 'consistency') },
    {
      checks: ['robustness'],
      endpoint: EP,
      run: () =>
        robustness(
          ctx,
          EP,
          boundaryValues(op, {
            team_id: [teamId, '0', 'x'.repeat(300)],
            agent_id: [agentId, 'xyz', 'FFFFFFFFFFFFFFFFFFFFFFFF', '68a6d35049a09719b70539b4'],
            start_date: [day, '31-02-2025', '2025-08-21', '00-00-0000', '29-02-2024'],
            end_date: [day, '01-01-1970', '31-12-9999', '21-08-2025'],
          }),
        ),
    },
  ];
}
