/**
 * Parameters: documented bounds and enums are enforced (a 4xx; exactly 400 naming the parameter
 * is assumed), the bounds themselves are accepted with exactly that many rows, and the default
 * limit holds. Bounds, enums and defaults are read from the contract.
 */
import { describe } from '../../json-body.ts';
import { queryParam, required } from '../../shared/contract-reading.ts';
import { ruleAssumed } from './contract-view.ts';
import { type EnneoRun, EXPORT, expectRefused, getExport, idsOf, type Row, rowsOf, sameRows } from './run.ts';

/** Values each parameter must refuse: past its bounds, not a number, not in its enum. */
function refusedValues(run: EnneoRun): [parameter: string, value: string][] {
  const limit = queryParam(run.exportOp, 'limit');
  const offset = queryParam(run.exportOp, 'offset');
  const out: [string, string][] = [];
  if (limit.minimum !== undefined) out.push(['limit', String(limit.minimum - 1)]);
  if (limit.maximum !== undefined) out.push(['limit', String(limit.maximum + 1)]);
  out.push(['limit', 'abc']);
  if (offset.minimum !== undefined) out.push(['offset', String(offset.minimum - 1)]);
  out.push(['orderByDirection', 'sideways'], ['orderByField', 'noSuchColumn'], ['format', 'pdf']);
  return out;
}

/** The largest page the contract allows (`limit`'s maximum). */
export const maxLimit = (run: EnneoRun) =>
  required(queryParam(run.exportOp, 'limit').maximum, 'the maximum of limit');

/** Runs the parameter checks on the export. */
export async function parameterChecks(run: EnneoRun): Promise<void> {
  const { ctx, exportOp } = run;
  for (const [parameter, value] of refusedValues(run)) {
    const r = await getExport(run, { format: 'json', limit: 1, [parameter]: value });
    expectRefused(run, 'parameters', EXPORT, `${parameter}=${value} is refused`, r, {
      parameter,
      assumed: exportOp.isAssumedParameter(parameter),
    });
  }

  const max = maxLimit(run);
  const bigRows = await run.bigPage();
  ctx.expect('parameters', EXPORT, `limit=${max} is accepted`, bigRows.length > 0 || run.total === 0, {
    message: `no rows for limit=${max}`,
  });
  if (run.total === undefined) {
    ctx.expect('parameters', EXPORT, `limit=${max} returns ${max} rows`, bigRows.length === max, {
      message: `got ${bigRows.length}`,
    });
  }

  const one = await getExport(run, { format: 'json', limit: 1 });
  const oneRows = rowsOf(one);
  ctx.expect(
    'parameters',
    EXPORT,
    'limit=1 is accepted with exactly 1 row',
    oneRows?.length === Math.min(1, bigRows.length),
    {
      message: `got ${describe(one)} with ${oneRows?.length ?? 'no'} rows`,
      request: one.url,
    },
  );

  // Defaults: no limit, no offset, no orderByField, no orderByDirection.
  const byDefault = Number(required(queryParam(exportOp, 'limit').default, 'the default of limit'));
  const plain = await getExport(run, { format: 'json' });
  const plainRows = rowsOf(plain) ?? [];
  const expected = Math.min(byDefault, run.total ?? max);
  ctx.expect(
    'parameters',
    EXPORT,
    `without limit, ${byDefault} rows are returned`,
    plainRows.length === expected,
    {
      message: `expected ${expected} rows (default limit ${byDefault}), got ${describe(plain)} with ${plainRows.length}`,
      request: plain.url,
    },
  );
  ctx.expect(
    'parameters',
    EXPORT,
    `without limit, the rows are the first ${byDefault} of the same order`,
    sameRows(plainRows, bigRows.slice(0, plainRows.length)),
    {
      message: `userWorklogIds ${short(idsOf(plainRows))} vs the limit=${max} page's ${short(idsOf(bigRows.slice(0, plainRows.length)))}`,
      assumed: ruleAssumed(exportOp, 'paging-window'),
    },
  );
}

/** Fetches the first page of `limit`'s maximum in the default order; sets `run.total` when it is short. */
export async function fetchBigPage(run: EnneoRun): Promise<Row[]> {
  const max = maxLimit(run);
  const rows = rowsOf(await getExport(run, { format: 'json', limit: max })) ?? [];
  if (rows.length < max) run.total = rows.length;
  return rows;
}

const short = (ids: unknown[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', '));
