import { describe } from '../json-body.ts';
import { robustness } from '../robustness.ts';
import { UnusableTargetError } from '../runner.ts';
import type { CheckContext } from '../types.ts';
import { authChecks } from './enneo/auth.ts';
import { tokenHasPermission } from './enneo/auth-tokens.ts';
import { consistencyChecks } from './enneo/consistency.ts';
import { readExportView } from './enneo/contract-view.ts';
import { formatChecks } from './enneo/format-checks.ts';
import { fetchFormats } from './enneo/format-sample.ts';
import { orderingChecks } from './enneo/ordering.ts';
import { paginationChecks } from './enneo/pagination.ts';
import { parameterChecks } from './enneo/parameters.ts';
import { expectColumns } from './enneo/privacy.ts';
import { privacyChecks } from './enneo/privacy-checks.ts';
import { type EnneoRun, EXPORT, getExport, rowsOf, TICKET, ticketPath } from './enneo/run.ts';

/** Generated requests per endpoint; with the rest of the plan, about 350 requests in all. */
const EXPORT_RUNS = 110;
const TICKET_RUNS = 50;

/**
 * Enneo's plan: auth (missing, foreign, expired, `alg: none`, unknown cookie), parameter bounds and
 * defaults, limit/offset paging and full walks, ordering by every column both ways, privacy per
 * format, csv/xlsx against JSON, export rows against ticket worklogs, and generated requests.
 */
export async function enneoPlan(ctx: CheckContext): Promise<void> {
  const exportOp = ctx.contract.operation(EXPORT.method, EXPORT.path);
  const ticketOp = ctx.contract.operation(TICKET.method, TICKET.path);
  const view = readExportView(exportOp);
  const level = ctx.target.expectPrivacy ?? 'none';
  // The token is what the plan sends when both are given; a cookie's permissions cannot be read.
  const token = ctx.target.credentials.token;
  const columns = expectColumns(view, level, (permission) =>
    token ? tokenHasPermission(token, permission) : undefined,
  );
  const run: EnneoRun = { ctx, exportOp, ticketOp, view, level, columns, shownUncertain: new Set() };

  const first = await getExport(run, { limit: 5, format: 'json' });
  if (first.status === 401 || first.status === 403) {
    throw new UnusableTargetError(
      `the target refused the given credentials (${first.status}): check --token / ENNEO_TOKEN or --cookie / ENNEO_COOKIE`,
    );
  }
  if (first.status !== 200) throw new UnusableTargetError(`the target answered ${describe(first)}`);
  const firstRows = rowsOf(first) ?? [];
  run.shownUncertain = new Set(columns.uncertain.filter((c) => firstRows.some((r) => c in r)));
  run.ticketId =
    ctx.target.ids.ticketId ??
    (firstRows.find((r) => typeof r.ticketId === 'number')?.ticketId as number | undefined);

  await authChecks(run);
  const firstPage = await parameterChecks(run);
  await paginationChecks(run, firstPage);
  await orderingChecks(run);
  const sample = await fetchFormats(run);
  privacyChecks(run, sample);
  await formatChecks(run, sample);
  await consistencyChecks(run, firstPage);

  await robustness(
    ctx,
    EXPORT,
    {
      limit: ['0', '1', '1000', '1001', '-1', '1.5', 'abc', '', '1e2', '99999999999999999999'],
      offset: ['0', '-1', '1.5', 'abc', '', String(run.total ?? 100), '9007199254740993'],
      orderByField: [...view.orderByFields.slice(0, 3), 'noSuchColumn', '', 'date desc', "date'--"],
      orderByDirection: ['asc', 'desc', 'ASC', 'sideways', ''],
      format: ['json', 'csv', 'xlsx', 'pdf', '', 'JSON'],
    },
    { runs: EXPORT_RUNS },
  );
  const ids = [
    '0',
    '-1',
    'abc',
    '99999999',
    '1.5',
    '%00',
    '1e3',
    '007',
    '9007199254740993',
    String(run.ticketId ?? 1),
  ];
  await robustness(
    ctx,
    TICKET,
    { limit: ['1', 'abc'], orderByField: ['date', 'x'] },
    { runs: TICKET_RUNS, pathFor: (i) => ticketPath(ids[i % ids.length]!) },
  );
}
