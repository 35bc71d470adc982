/**
 * Measurement 2: the export at limit=1000 in each format — req/s, bytes/s and the server's CPU per
 * request (from /proc); xlsx has a target of 15 ms CPU per request, the others none. Each format
 * gets a fixed number of requests sized to last about `seconds.formats`, so that slow answers are
 * counted, never cut off.
 */
import type { BenchContext } from '../lib/context.ts';
import { exportUrl } from '../lib/context.ts';
import { treeCpuSeconds } from '../lib/cpu.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { load } from '../lib/load.ts';
import { type Measurement, measurement, type Target } from '../lib/report.ts';
import type { RunningStandin } from '../lib/servers.ts';

export const FORMATS = ['json', 'csv', 'xlsx'] as const;

/** Server CPU per 1,000-row request, by format. */
const CPU_TARGETS: Partial<Record<(typeof FORMATS)[number], Target>> = {
  xlsx: { op: '<=', value: 15, unit: ' ms' },
};

/**
 * How many requests fill about `seconds` when one takes `singleMs` alone (the server has one
 * thread, so 50 at once take 50 times as long), but at least two rounds of every connection.
 */
export function requestsFor(seconds: number, singleMs: number, connections: number): number {
  const fit = Math.round((seconds * 1000) / Math.max(singleMs, 0.1));
  return Math.min(20_000, Math.max(2 * connections, fit));
}

/** Loads each format in turn from a running standin, a fixed number of requests each. */
export async function measureFormats(ctx: BenchContext, standin: RunningStandin): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const format of FORMATS) {
    const url = exportUrl(standin.origin, { limit: 1000, format });
    const first = await fetchBody(url, ctx.enneoHeaders);
    expectOk(`standin export limit=1000 ${format}`, first);
    // Sequential warm-up requests rather than a timed run: nothing is left in flight afterwards.
    const alone: number[] = [];
    for (let i = 0; i < 3; i++) alone.push((await fetchBody(url, ctx.enneoHeaders)).ms);
    const singleMs = alone.sort((a, b) => a - b)[1]!;
    const amount = requestsFor(ctx.seconds.formats, singleMs, ctx.connections);
    ctx.log(
      `formats: ${format} is ${first.body.length} bytes, ${singleMs.toFixed(0)} ms alone; sending ${amount}`,
    );
    const cpuBefore = treeCpuSeconds(standin.pid);
    const result = await load({
      url,
      headers: ctx.enneoHeaders,
      connections: ctx.connections,
      seconds: 0,
      amount,
    });
    const cpuAfter = treeCpuSeconds(standin.pid);
    const cpuMs =
      cpuBefore === null || cpuAfter === null || result.requests === 0
        ? null
        : ((cpuAfter - cpuBefore) / result.requests) * 1000;
    const target = CPU_TARGETS[format];
    rows.push(
      measurement({
        id: `formats.${format}`,
        title: `Export, limit=1000, format=${format}`,
        figures: {
          'req/s': result.reqPerSec,
          'B/s': result.bytesPerSec,
          'ms p50': result.latencyP50Ms,
          'ms alone': singleMs,
          'body bytes': first.body.length,
          ...(cpuMs === null ? {} : { 'ms server CPU/req': cpuMs }),
        },
        ratioLabel: 'ms server CPU/req',
        ratio: cpuMs,
        ...(target ? { target } : {}),
        ...(result.failures > 0 ? { note: `${result.failures} requests failed or were not 2xx` } : {}),
      }),
    );
  }
  return rows;
}
