import fc from 'fast-check';
import { TransportError } from './http-client.ts';
import type { CheckContext, EndpointRef } from './types.ts';

/** How many generated requests the robustness check sends at most (fewer if the budget is short). */
export const ROBUSTNESS_RUNS = 200;

/**
 * Sends seeded, generated requests built from each parameter's boundary values mixed with random
 * strings, and expects no 5xx and no hung connection. Reports the seed so a failure can be replayed.
 * @param boundaries parameter name → interesting values (documented bounds, bad formats, empties).
 */
export async function robustness(
  ctx: CheckContext,
  endpoint: EndpointRef,
  boundaries: Record<string, string[]>,
  opts: { runs?: number; pathFor?: (index: number) => string } = {},
): Promise<void> {
  // Keep a reserve of the budget for nothing else: robustness runs last in every plan.
  const runs = Math.min(opts.runs ?? ROBUSTNESS_RUNS, Math.max(0, ctx.client.remaining));
  if (runs === 0) {
    ctx.skip('robustness', endpoint, 'generated requests', 'the request budget is spent');
    return;
  }
  const names = Object.keys(boundaries);
  const value = (name: string) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...(boundaries[name] ?? [''])) },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000_000 }).map(String) },
    );
  const pair = fc.constantFrom(...names).chain((n) => value(n).map((v): [string, string] => [n, v]));
  const requests = fc.sample(fc.array(pair, { maxLength: 6 }), { seed: ctx.seed, numRuns: runs });
  let failures = 0;
  for (const [i, query] of requests.entries()) {
    const path = opts.pathFor?.(i) ?? endpoint.path;
    try {
      const r = await ctx.call(endpoint, { path, query });
      if (r.status >= 500) {
        failures++;
        ctx.expect('robustness', endpoint, `generated request #${i} gets no 5xx`, false, {
          message: `got ${r.status} (seed ${ctx.seed}, run ${i})`,
          request: r.url,
        });
      }
    } catch (err) {
      if (!(err instanceof TransportError)) throw err;
      failures++;
      ctx.expect('robustness', endpoint, `generated request #${i} is answered`, false, {
        message: `${err.message} (seed ${ctx.seed}, run ${i})`,
        request: err.url,
      });
    }
  }
  ctx.expect(
    'robustness',
    endpoint,
    `${requests.length} generated requests got no 5xx and no hang`,
    failures === 0,
    {
      message: `${failures} of ${requests.length} failed (seed ${ctx.seed})`,
    },
  );
}
