/**
 * Parameters: documented bounds and enums are enforced (a 4xx; exactly 400 naming the parameter
 * is assumed), the bounds themselves are accepted with exactly that many rows, and the defaults
 * (100 rows, `date` descending) hold.
 */
import { describe } from '../../json-body.ts';
import { ruleAssumed } from './contract-view.ts';
import { firstOrderViolation } from './export-order.ts';
import { type EnneoRun, EXPORT, expectRefused, getExport, idsOf, type Row, rowsOf, sameRows } from './run.ts';

const REFUSED: [parameter: string, value: string][] = [
  ['limit', '0'],
  ['limit', '1001'],
  ['limit', 'abc'],
  ['offset', '-1'],
  ['orderByDirection', 'sideways'],
  ['orderByField', 'noSuchColumn'],
  ['format', 'pdf'],
];

/**
 * Runs the parameter checks and returns the page of `limit=1000` in the default order (the first
 * page of the walk), and whether it held every row (then `run.total` is set).
 */
export async function parameterChecks(run: EnneoRun): Promise<Row[]> {
  const { ctx, exportOp } = run;
  for (const [parameter, value] of REFUSED) {
    const r = await getExport(run, { format: 'json', limit: 1, [parameter]: value });
    expectRefused(run, 'parameters', EXPORT, `${parameter}=${value} is refused`, r, {
      parameter,
      assumed: exportOp.isAssumedParameter(parameter),
    });
  }

  const big = await getExport(run, { format: 'json', limit: 1000 });
  const bigRows = rowsOf(big) ?? [];
  ctx.expect('parameters', EXPORT, 'limit=1000 is accepted', big.status === 200, {
    message: `got ${describe(big)}`,
    request: big.url,
  });
  if (bigRows.length < 1000) run.total = bigRows.length;
  else {
    ctx.expect('parameters', EXPORT, 'limit=1000 returns 1000 rows', bigRows.length === 1000, {
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
  const plain = await getExport(run, { format: 'json' });
  const plainRows = rowsOf(plain) ?? [];
  const expected = Math.min(100, run.total ?? 1000);
  ctx.expect('parameters', EXPORT, 'without limit, 100 rows are returned', plainRows.length === expected, {
    message: `expected ${expected} rows (default limit 100), got ${describe(plain)} with ${plainRows.length}`,
    request: plain.url,
  });
  ctx.expect(
    'parameters',
    EXPORT,
    'without limit, the rows are the first 100 of the same order',
    sameRows(plainRows, bigRows.slice(0, plainRows.length)),
    {
      message: `userWorklogIds ${short(idsOf(plainRows))} vs the limit=1000 page's ${short(idsOf(bigRows.slice(0, plainRows.length)))}`,
      assumed: ruleAssumed(exportOp, 'paging-window'),
    },
  );
  const violation = firstOrderViolation(plainRows, 'date', 'desc');
  ctx.expect('ordering', EXPORT, 'without orderByField, rows are ordered by date descending', !violation, {
    message: violation?.message ?? '',
    assumed: ruleAssumed(exportOp, 'order-default'),
    request: plain.url,
  });
  return bigRows;
}

const short = (ids: unknown[]) => (ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', '));
