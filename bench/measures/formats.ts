/**
 * Measurement 2: the export at limit=1000 in each format — req/s and bytes/s. No target; the
 * figures show what CSV and XLSX cost next to JSON.
 */
import type { BenchContext } from '../lib/context.ts';
import { exportUrl } from '../lib/context.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { load, warmUp } from '../lib/load.ts';
import { type Measurement, measurement } from '../lib/report.ts';
import type { RunningStandin } from '../lib/servers.ts';

export const FORMATS = ['json', 'csv', 'xlsx'] as const;

/** Loads each format in turn from a running standin. */
export async function measureFormats(ctx: BenchContext, standin: RunningStandin): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const format of FORMATS) {
    const url = exportUrl(standin.origin, { limit: 1000, format });
    const first = await fetchBody(url, ctx.enneoHeaders);
    expectOk(`standin export limit=1000 ${format}`, first);
    ctx.log(`formats: ${format} is ${first.body.length} bytes; loading for ${ctx.seconds.formats} s`);
    const options = { url, headers: ctx.enneoHeaders, connections: ctx.connections };
    await warmUp(options, ctx.seconds.warmUp);
    const result = await load({ ...options, seconds: ctx.seconds.formats });
    rows.push(
      measurement({
        id: `formats.${format}`,
        title: `Export, limit=1000, format=${format}`,
        figures: {
          'req/s': result.reqPerSec,
          'B/s': result.bytesPerSec,
          'ms p50': result.latencyP50Ms,
          'body bytes': first.body.length,
        },
        ...(result.failures > 0 ? { note: `${result.failures} requests failed or were not 2xx` } : {}),
      }),
    );
  }
  return rows;
}
