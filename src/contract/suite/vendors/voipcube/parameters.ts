/**
 * Parameters: required and unreadable dates, a period over one year and `to` before `from` are
 * refused; exactly one year is served; invalid `page`/`size` fall back to the contract's
 * `x-standin-fallback` values instead of being refused.
 */
import { describe, jsonArray } from '../../json-body.ts';
import { queryParam, required, ruleAssumed } from '../../shared/contract-reading.ts';
import { q } from '../../shared/query.ts';
import { expectRefused } from '../../shared/refusal.ts';
import { EP, get, type Log, sameLogs, type VoipcubeRun } from './run.ts';

export async function parameterChecks(run: VoipcubeRun): Promise<void> {
  const { ctx, op, from, to, all } = run;
  const refused = async (title: string, query: [string, string][], parameter: string, assumed: boolean) =>
    expectRefused(ctx, 'parameters', EP, title, await get(ctx, query), { parameter, assumed });

  const one = { page: '1', size: '1' };
  for (const name of ['from', 'to']) {
    const p = queryParam(op, name);
    if (!p.required) continue;
    const rest = { from, to, ...one } as Record<string, string>;
    delete rest[name];
    await refused(`a request without ${name} is refused`, q(rest), name, p.assumed);
  }
  await refused(
    'a from that is not a date is refused',
    q({ from: 'yesterday', to, ...one }),
    'from',
    queryParam(op, 'from').assumed,
  );

  // The one-year limit is documented (the rule quotes the doc); its calendar precision is assumed.
  const start = Date.parse(from);
  const yearLater = new Date(start);
  yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
  const periodDocumented = op.rules.some((r) => r.id === 'period-max-one-year' && r.doc);
  await refused(
    'a period of one year and one second is refused',
    q({ from, to: new Date(yearLater.getTime() + 1000).toISOString(), ...one }),
    'to',
    !periodDocumented,
  );
  const exact = await get(ctx, q({ from, to: yearLater.toISOString(), ...one }));
  ctx.expect('parameters', EP, 'a period of exactly one year is served', exact.status === 200, {
    message: `got ${describe(exact)}`,
    assumed: ruleAssumed(op, 'period-max-one-year'),
    request: exact.url,
  });
  await refused(
    'to before from is refused',
    q({ from: to, to: from, ...one }),
    'to',
    ruleAssumed(op, 'to-not-before-from'),
  );
  await refused(
    'a userIds[] value that is not a UUID is refused',
    q({ from, to, 'userIds[]': 'nope' }),
    'userIds[]',
    ruleAssumed(op, 'user-ids-filter'),
  );

  // Documented fallbacks: never refused.
  const pageFallback = Number(required(queryParam(op, 'page').fallback, 'the fallback of page'));
  const sizeFallback = Number(required(queryParam(op, 'size').fallback, 'the fallback of size'));
  const firstOf = (page: number, size: number) => all.slice((page - 1) * size, page * size);
  const expectPage = async (title: string, query: Record<string, string>, expected: Log[], rule: string) => {
    const r = await get(ctx, q({ from, to, ...query }));
    const got = (jsonArray(r) ?? []) as Log[];
    ctx.expect('parameters', EP, title, r.status === 200 && sameLogs(got, expected), {
      message:
        r.status !== 200
          ? `expected 200 with the documented fallback, got ${describe(r)}`
          : `expected ${expected.length} logs of the unpaginated answer (the documented fallback), got ${got.length} logs${got.length === expected.length ? ' that differ from them' : ''}`,
      assumed: ruleAssumed(op, rule),
      request: r.url,
    });
  };
  for (const bad of ['0', '-1', 'abc']) {
    await expectPage(
      `page=${bad} falls back to page ${pageFallback}`,
      { page: bad, size: '2' },
      firstOf(pageFallback, 2),
      'page-fallback',
    );
  }
  await expectPage(
    `size without page gives page ${pageFallback}`,
    { size: '3' },
    firstOf(pageFallback, 3),
    'page-fallback',
  );
  await expectPage(
    `page without size gives ${sizeFallback} logs`,
    { page: '1' },
    firstOf(1, sizeFallback),
    'size-fallback',
  );
  for (const bad of ['0', 'abc']) {
    await expectPage(
      `size=${bad} falls back to ${sizeFallback}`,
      { page: '1', size: bad },
      firstOf(1, sizeFallback),
      'size-fallback',
    );
  }
}
