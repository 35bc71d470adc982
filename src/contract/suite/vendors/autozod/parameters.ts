/**
 * Parameters (assumed: the doc's parameter table is empty): a missing team, dates not in
 * DD-MM-YYYY or impossible, an end before the start, an unknown type and a malformed agent are
 * refused with 400 naming the parameter; an agent that does not exist gets 404.
 */
import { ddmmyyyy } from '../../../exchange/rules/autozod.ts';
import { queryParam, ruleAssumed } from '../../shared/contract-reading.ts';
import { expectRefused } from '../../shared/refusal.ts';
import { type AutozodRun, DAY, EP, get } from './run.ts';

/** An agent id of the right form that no agent has. */
const NOBODY = 'ffffffffffffffffffffffff';

export async function parameterChecks(run: AutozodRun): Promise<void> {
  const { ctx, op, base, end } = run;
  const day = ddmmyyyy(end);
  const invalid = ruleAssumed(op, 'invalid-parameters');
  const refused = async (
    title: string,
    params: Record<string, string>,
    parameter: string,
    assumed = invalid,
    status = 400,
  ) => expectRefused(ctx, 'parameters', EP, title, await get(ctx, params), { parameter, assumed, status });

  const { team_id: _team, ...withoutTeam } = base;
  await refused(
    'a request without team_id is refused',
    { ...withoutTeam, start_date: day, end_date: day },
    'team_id',
    queryParam(op, 'team_id').assumed,
  );
  await refused(
    'a start_date in YYYY-MM-DD is refused',
    { ...base, start_date: new Date(end).toISOString().slice(0, 10), end_date: day },
    'start_date',
  );
  await refused(
    'an impossible date (31-02-2025) is refused',
    { ...base, start_date: '31-02-2025', end_date: '31-02-2025' },
    'start_date',
  );
  await refused(
    'an end_date before start_date is refused',
    { ...base, start_date: day, end_date: ddmmyyyy(end - DAY) },
    'end_date',
  );
  const type = queryParam(op, 'type');
  await refused(
    `a type outside ${JSON.stringify(type.enum ?? [])} is refused`,
    { ...base, type: 'off_duty', start_date: day, end_date: day },
    'type',
  );
  await refused(
    'a malformed agent_id is refused',
    { ...base, agent_id: 'xyz', start_date: day, end_date: day },
    'agent_id',
  );
  await refused(
    'an agent that does not exist gets 404',
    { ...base, agent_id: NOBODY, start_date: day, end_date: day },
    'agent_id',
    ruleAssumed(op, 'unknown-agent'),
    404,
  );
}
