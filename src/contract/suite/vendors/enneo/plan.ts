/**
 * Enneo's plan: auth (missing, foreign, expired, `alg: none`, unknown cookie), parameter bounds and
 * defaults, limit/offset paging and full walks, ordering by every column both ways, privacy per
 * format, csv/xlsx against JSON, export rows against ticket worklogs, and generated requests.
 * Each endpoint is probed first; one that does not answer fails alone.
 */
import { jsonBody } from '../../json-body.ts';
import { robustness } from '../../robustness.ts';
import { boundaryValues } from '../../shared/contract-reading.ts';
import { type ErrorShape, probeEndpoint } from '../../shared/probe.ts';
import type { CheckContext, CheckStep } from '../../types.ts';
import { authChecks } from './auth.ts';
import { tokenHasPermission } from './auth-tokens.ts';
import { consistencyChecks, ticketParameterChecks } from './consistency.ts';
import { readExportView } from './contract-view.ts';
import { formatChecks } from './format-checks.ts';
import { fetchFormats } from './format-sample.ts';
import { orderingChecks } from './ordering.ts';
import { paginationChecks } from './pagination.ts';
import { fetchBigPage, parameterChecks } from './parameters.ts';
import { expectColumns } from './privacy.ts';
import { privacyChecks } from './privacy-checks.ts';
import { type EnneoRun, EXPORT, getExport, getTicket, once, rowsOf, TICKET, ticketPath } from './run.ts';

/** Generated requests per endpoint; with the rest of the plan, about 350 requests in all. */
const EXPORT_RUNS = 110;
const TICKET_RUNS = 50;

/** Enneo's errors: `{ success: false, error }` as the vendor's doc shows, or a message. */
const enneoError: ErrorShape = (body) =>
  body !== null &&
  typeof body === 'object' &&
  !Array.isArray(body) &&
  (typeof (body as Record<string, unknown>).error === 'string' ||
    typeof (body as Record<string, unknown>).message === 'string');

const PROBE = {
  credentialFlags: '--token / ENNEO_TOKEN or --cookie / ENNEO_COOKIE',
  errorShape: enneoError,
};

export async function enneoPlan(ctx: CheckContext): Promise<CheckStep[]> {
  const exportOp = ctx.contract.operation(EXPORT.method, EXPORT.path);
  const ticketOp = ctx.contract.operation(TICKET.method, TICKET.path);
  const view = readExportView(exportOp);
  const level = ctx.target.expectPrivacy ?? 'none';
  // The token is what the plan sends when both are given; a cookie's permissions cannot be read.
  const token = ctx.target.credentials.token;
  const columns = expectColumns(view, level, (permission) =>
    token ? tokenHasPermission(token, permission) : undefined,
  );
  const run: EnneoRun = {
    ctx,
    exportOp,
    ticketOp,
    view,
    level,
    columns,
    shownUncertain: new Set(),
    bigPage: once(() => fetchBigPage(run)),
    sample: once(() => fetchFormats(run)),
  };

  const first = await getExport(run, { limit: 5, format: 'json' });
  const exportAnswers = probeEndpoint(ctx, EXPORT, first, PROBE);
  const firstRows = rowsOf(first) ?? [];
  run.shownUncertain = new Set(columns.uncertain.filter((c) => firstRows.some((r) => c in r)));
  run.ticketId =
    ctx.target.ids.ticketId ??
    (firstRows.find((r) => typeof r.ticketId === 'number')?.ticketId as number | undefined);
  const ticketProbe = await getTicket(run, run.ticketId ?? 1);
  const ticketAnswers =
    probeEndpoint(ctx, TICKET, ticketProbe, PROBE) && Array.isArray(jsonBody(ticketProbe));

  const steps: CheckStep[] = [];
  if (exportAnswers) {
    steps.push(
      { checks: ['auth'], endpoint: EXPORT, run: () => authChecks(run, EXPORT) },
      { checks: ['parameters'], endpoint: EXPORT, run: () => parameterChecks(run) },
      { checks: ['pagination'], endpoint: EXPORT, run: () => paginationChecks(run) },
      { checks: ['ordering'], endpoint: EXPORT, run: () => orderingChecks(run) },
      { checks: ['privacy'], endpoint: EXPORT, run: async () => privacyChecks(run, await run.sample()) },
      {
        checks: ['formats', 'schema'],
        endpoint: EXPORT,
        run: async () => formatChecks(run, await run.sample()),
      },
    );
  }
  if (ticketAnswers) {
    steps.push(
      { checks: ['auth'], endpoint: TICKET, run: () => authChecks(run, TICKET) },
      { checks: ['parameters'], endpoint: TICKET, run: () => ticketParameterChecks(run) },
      {
        checks: ['consistency'],
        endpoint: TICKET,
        run: async () => consistencyChecks(run, exportAnswers ? await run.bigPage() : []),
      },
    );
  }
  if (exportAnswers) {
    steps.push({
      checks: ['robustness'],
      endpoint: EXPORT,
      run: () =>
        robustness(
          ctx,
          EXPORT,
          boundaryValues(exportOp, {
            offset: [String(run.total ?? 100), '9007199254740993'],
            orderByField: [...view.orderByFields.slice(0, 3), 'noSuchColumn', 'date desc', "date'--"],
            orderByDirection: ['sideways'],
            format: ['json', 'csv', 'xlsx', 'pdf', 'JSON'],
          }),
          { runs: EXPORT_RUNS },
        ),
    });
  }
  if (ticketAnswers) {
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
    steps.push({
      checks: ['robustness'],
      endpoint: TICKET,
      run: () =>
        robustness(
          ctx,
          TICKET,
          { limit: ['1', 'abc'], orderByField: ['date', 'x'] },
          { runs: TICKET_RUNS, pathFor: (i) => ticketPath(ids[i % ids.length]!) },
        ),
    });
  }
  return steps;
}
