/**
 * Pagination: each page of a walk holds exactly its slice of the unpaginated answer (and never
 * more than `size`), the walk yields each log once, a page past the end is [].
 */
import { describe, jsonArray } from '../../json-body.ts';
import { ruleAssumed } from '../../shared/contract-reading.ts';
import { q } from '../../shared/query.ts';
import { expectRule } from '../../shared/rule-check.ts';
import { EP, get, type Log, sameLogs, type VoipcubeRun } from './run.ts';

/** Pages walked at most; the day's logs are few. */
const MAX_PAGES = 20;

export async function paginationChecks(run: VoipcubeRun): Promise<void> {
  const { ctx, from, to, all } = run;
  const size = Math.max(1, Math.min(50, Math.ceil(all.length / 4)));
  const walked: Log[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const r = await get(ctx, q({ from, to, page: String(page), size: String(size) }));
    const got = (jsonArray(r) ?? []) as Log[];
    const expected = all.slice((page - 1) * size, page * size);
    expectRule(ctx, EP, run.rules.pageSize, r, `page ${page} holds at most ${size} logs`);
    ctx.expect(
      'pagination',
      EP,
      `page ${page} of size ${size} holds exactly its slice`,
      sameLogs(got, expected),
      {
        message: `expected ${expected.length} logs starting at index ${(page - 1) * size}, got ${got.length}`,
        request: r.url,
      },
    );
    walked.push(...got);
    if (got.length < size) break;
  }
  ctx.expect('pagination', EP, 'walking every page yields each log exactly once', sameLogs(walked, all), {
    message: `the pages held ${walked.length} logs; the unpaginated answer ${all.length}`,
  });
  const past = await get(ctx, q({ from, to, page: '100000', size: String(size) }));
  ctx.expect('pagination', EP, 'a page past the end is []', jsonArray(past)?.length === 0, {
    message: `got ${describe(past)}`,
    assumed: ruleAssumed(run.op, 'page-past-end-empty'),
    request: past.url,
  });
}
