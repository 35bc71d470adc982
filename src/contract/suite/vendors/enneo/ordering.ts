/**
 * Ordering: every orderByField of the contract, ascending and descending, sorts a page as the
 * contract's rules say; orderByDirection defaults as the contract states; a column the privacy level hides
 * cannot order the rows.
 */
import { describe } from '../../json-body.ts';
import { queryParam } from '../../shared/contract-reading.ts';
import { expectRule, ruleFor } from '../../shared/rule-check.ts';
import { ruleAssumed } from './contract-view.ts';
import type { Direction } from './export-order.ts';
import { type EnneoRun, EXPORT, expectRefused, getExport, idsOf, rowsOf } from './run.ts';

const PAGE = 100;

/** Runs the ordering checks. */
export async function orderingChecks(run: EnneoRun): Promise<void> {
  const { ctx, exportOp } = run;
  const order = ruleFor(exportOp, 'enneo-order', { options: {}, exportView: run.view });
  const hidden = new Set([
    ...run.columns.omitted,
    ...run.columns.uncertain.filter((c) => !run.shownUncertain.has(c)),
  ]);
  // The default direction is the contract's (desc), not the suite's.
  const fallback = String(queryParam(exportOp, 'orderByDirection').default ?? 'desc') as Direction;
  let durationDefault: unknown[] | undefined;
  for (const field of run.view.orderByFields) {
    if (hidden.has(field)) {
      const r = await getExport(run, { format: 'json', limit: 1, orderByField: field });
      expectRefused(
        run,
        'ordering',
        EXPORT,
        `orderByField=${field}, a column the ${run.level} level omits, is refused`,
        r,
        {
          parameter: 'orderByField',
          assumed: ruleAssumed(exportOp, 'order-omitted-column'),
        },
      );
      continue;
    }
    for (const direction of ['asc', 'desc'] as Direction[]) {
      const r = await getExport(run, {
        format: 'json',
        limit: PAGE,
        orderByField: field,
        orderByDirection: direction,
      });
      const rows = rowsOf(r);
      if (!rows) {
        ctx.expect(
          'ordering',
          EXPORT,
          `orderByField=${field}&orderByDirection=${direction} is served`,
          false,
          {
            message: `got ${describe(r)}`,
            request: r.url,
          },
        );
        continue;
      }
      if (field === 'duration' && direction === fallback) durationDefault = idsOf(rows);
      // The rule proxy and validate judge by: a plain misorder fails, NULL placement, collation and ties are assumed.
      expectRule(ctx, EXPORT, order, r, `rows sort by ${field} ${direction}`);
    }
  }

  // Defaults: without orderByField the rows are ordered by date, in the default direction.
  const plain = await getExport(run, { format: 'json', limit: PAGE });
  expectRule(
    ctx,
    EXPORT,
    order,
    plain,
    `without orderByField, rows are ordered by date ${fallback === 'asc' ? 'ascending' : 'descending'}`,
  );

  if (durationDefault) {
    const r = await getExport(run, { format: 'json', limit: PAGE, orderByField: 'duration' });
    const ids = idsOf(rowsOf(r) ?? []);
    ctx.expect(
      'ordering',
      EXPORT,
      `without orderByDirection, the order is ${fallback}`,
      ids.join() === durationDefault.join(),
      {
        message: `orderByField=duration alone gave ${ids.slice(0, 5).join(', ')}…, with ${fallback} ${durationDefault.slice(0, 5).join(', ')}…`,
        request: r.url,
      },
    );
  }
}
