/**
 * Pagination: a page holds exactly `limit` rows, two consecutive pages are the halves of one page
 * twice their size, a walk over every page yields each row once (in two orders, one full of
 * ties), and a page past the end is empty.
 */
import { describe } from '../../json-body.ts';
import { type BoundRule, expectRule, ruleFor } from '../../shared/rule-check.ts';
import { ruleAssumed } from './contract-view.ts';
import { maxLimit } from './parameters.ts';
import { type EnneoRun, EXPORT, getExport, idsOf, type Row, rowsOf, sameRows } from './run.ts';

const K = 5;

/** Runs the pagination checks. */
export async function paginationChecks(run: EnneoRun): Promise<void> {
  const firstPage = await run.bigPage();
  const assumed = ruleAssumed(run.exportOp, 'paging-window');
  // The default order, and an order by a column full of ties, where only the tie-break keeps pages apart.
  await halves(run, 0, {});
  if (run.view.orderByFields.includes('action')) {
    await halves(run, 37, { orderByField: 'action', orderByDirection: 'asc' });
  }

  const walked = await walk(run, {}, firstPage, Math.floor(run.ctx.client.remaining / 3));
  if (!walked) return;
  run.total = walked.length;
  expectOnce(
    run,
    'walking every page (default order) yields each userWorklogId exactly once',
    walked,
    assumed,
  );

  // A second walk in an order with many ties catches a tie-break that lets pages overlap or skip.
  const pages = Math.ceil(walked.length / maxLimit(run)) + 1;
  if (run.view.orderByFields.includes('duration') && pages <= run.ctx.client.remaining / 6) {
    const byDuration = await walk(
      run,
      { orderByField: 'duration', orderByDirection: 'asc' },
      undefined,
      pages,
    );
    if (byDuration) {
      expectOnce(
        run,
        'walking every page by duration yields each userWorklogId exactly once',
        byDuration,
        assumed,
      );
      const a = new Set(idsOf(walked));
      const missing = idsOf(byDuration).filter((id) => !a.has(id));
      run.ctx.expect(
        'pagination',
        EXPORT,
        'walks in two orders yield the same rows',
        byDuration.length === walked.length && missing.length === 0,
        {
          message: `${byDuration.length} rows by duration vs ${walked.length} by default; e.g. ${missing.slice(0, 5).join(', ')} only in one`,
          assumed,
        },
      );
    }
  }

  const past = await getExport(run, { format: 'json', limit: 10, offset: walked.length });
  run.ctx.expect(
    'pagination',
    EXPORT,
    `a page at offset ${walked.length} (the end) is []`,
    rowsOf(past)?.length === 0,
    {
      message: `got ${describe(past)}`,
      assumed,
      request: past.url,
    },
  );
}

async function halves(run: EnneoRun, offset: number, order: Record<string, string>): Promise<void> {
  const label = order.orderByField ? `by ${order.orderByField}` : 'default order';
  const whole = rowsOf(await getExport(run, { ...order, format: 'json', offset, limit: 2 * K })) ?? [];
  const firstResponse = await getExport(run, { ...order, format: 'json', offset, limit: K });
  expectRule(
    run.ctx,
    EXPORT,
    limitRule(run),
    firstResponse,
    `a page of limit=${K} (${label}) holds at most ${K} rows`,
  );
  const first = rowsOf(firstResponse) ?? [];
  const second =
    rowsOf(await getExport(run, { ...order, format: 'json', offset: offset + K, limit: K })) ?? [];
  const enough = whole.length === 2 * K;
  if (enough) {
    run.ctx.expect(
      'pagination',
      EXPORT,
      `pages of limit=${K} (${label}) hold exactly ${K} rows`,
      first.length === K && second.length === K,
      {
        message: `got ${first.length} and ${second.length} rows`,
      },
    );
  }
  const firstIds = new Set(idsOf(first));
  const overlap = idsOf(second).filter((id) => firstIds.has(id));
  run.ctx.expect(
    'pagination',
    EXPORT,
    `consecutive pages at offset ${offset} (${label}) are disjoint and contiguous`,
    overlap.length === 0 && sameRows([...first, ...second], whole),
    {
      message: overlap.length
        ? `both pages hold userWorklogId ${overlap.join(', ')}`
        : `pages ${idsOf(first).join(', ')} + ${idsOf(second).join(', ')} differ from one page of ${2 * K}: ${idsOf(whole).join(', ')}`,
      assumed: ruleAssumed(run.exportOp, 'paging-window'),
    },
  );
}

/**
 * Walks pages of 1000 until a short one, at most `maxPages` requests; undefined (and a skip) when
 * the budget would not reach the end.
 */
async function walk(
  run: EnneoRun,
  order: Record<string, string>,
  firstPage: Row[] | undefined,
  maxPages: number,
): Promise<Row[] | undefined> {
  const rows: Row[] = [];
  const WALK_LIMIT = maxLimit(run);
  let page = firstPage;
  let requests = 0;
  for (let offset = 0; ; offset += WALK_LIMIT) {
    if (!page) {
      if (requests >= maxPages) {
        run.ctx.skip(
          'pagination',
          EXPORT,
          'a walk over every page',
          `more than ${maxPages} pages of ${WALK_LIMIT}: past a third of the request budget`,
        );
        return undefined;
      }
      requests++;
      page = rowsOf(await getExport(run, { ...order, format: 'json', offset, limit: WALK_LIMIT })) ?? [];
    }
    rows.push(...page);
    const full = page.length === WALK_LIMIT;
    page = undefined;
    if (!full) return rows;
  }
}

function expectOnce(run: EnneoRun, title: string, rows: Row[], assumed: boolean): void {
  const seen = new Set<unknown>();
  const twice = new Set<unknown>();
  for (const id of idsOf(rows)) {
    if (id === null || id === undefined) continue;
    if (seen.has(id)) twice.add(id);
    seen.add(id);
  }
  run.ctx.expect('pagination', EXPORT, title, twice.size === 0, {
    message: `${twice.size} userWorklogId(s) appear more than once, e.g. ${[...twice].slice(0, 5).join(', ')} (${rows.length} rows walked)`,
    assumed,
  });
}

/** The export's "no more rows than limit" rule. */
function limitRule(run: EnneoRun): BoundRule {
  return ruleFor(run.exportOp, 'enneo-limit', { options: {}, exportView: run.view });
}
