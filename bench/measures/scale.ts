/**
 * Measurements 3 and 6: a world of about 1,000,000 export rows generated in memory — how long it
 * takes to generate and start, how much memory it peaks at — and whether a page deep in it
 * (offset 990,000) sorted by a column costs what the first page of a 10,000-row world costs.
 * Both worlds run at once, each in its own child, and are measured back to back per column.
 */
import type { ExportColumn, WorldSize } from '../../src/world/types.ts';
import { type BenchContext, exportUrl } from '../lib/context.ts';
import { generate } from '../lib/generator.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { combine, type LoadResult, load } from '../lib/load.ts';
import { type Measurement, measurement, ratio } from '../lib/report.ts';
import { readMemory } from '../lib/rss.ts';
import { type RunningStandin, startStandin, withServer } from '../lib/servers.ts';

/** Columns of different kinds: timestamp, number, text, nullable number, nullable enum, the tie-breaker. */
export const SCALE_COLUMNS: readonly ExportColumn[] = [
  'date',
  'duration',
  'name',
  'ticketId',
  'channel',
  'userWorklogId',
];
export const BIG_ROWS = 1_000_000;
export const SMALL_ROWS = 10_000;
export const DEEP_OFFSET = 990_000;
export const PAGE_LIMIT = 100;

/** The world size that yields about `rows` export rows, given the rows a ticket yields on average. */
export function sizeForRows(rows: number, rowsPerTicket: number, agents: number): WorldSize {
  // 1% over, so that the world surely holds the deep page even when this seed runs a little short.
  return { agents, days: 420, tickets: Math.ceil((rows / rowsPerTicket) * 1.01) };
}

interface ColumnLatency {
  column: ExportColumn;
  deep: LoadResult;
  shallow: LoadResult;
  /** The first request for the column on the big world, which builds its sort order. */
  sortBuildMs: number;
}

const direction = (i: number) => (i % 2 === 0 ? 'asc' : 'desc');

function pageUrl(standin: RunningStandin, column: ExportColumn, i: number, offset: number): string {
  return exportUrl(standin.origin, {
    limit: PAGE_LIMIT,
    offset,
    orderByField: column,
    orderByDirection: direction(i),
    format: 'json',
  });
}

/** The first request for a page: it builds the column's sort order (lazily, once) and must give a full page. */
async function firstRequest(ctx: BenchContext, url: string, what: string): Promise<number> {
  const first = await fetchBody(url, ctx.enneoHeaders);
  expectOk(what, first);
  const items = (JSON.parse(first.body.toString('utf8')) as unknown[]).length;
  if (items !== PAGE_LIMIT) throw new Error(`${what} gave ${items} rows, not ${PAGE_LIMIT}`);
  return first.ms;
}

/**
 * One load run from the peer comparison's generator (wrk when installed, pinned to the generator
 * CPU, away from the servers) rather than autocannon inside the bench's own unpinned process,
 * which competed with the servers for their core and made the small latencies swing. wrk gives
 * no mean: with a fixed number of connections each always waiting for its answer, the mean
 * latency is connections / throughput (Little's law).
 */
async function pinnedLoad(
  ctx: BenchContext,
  options: { url: string; headers: Record<string, string>; connections: number },
  seconds: number,
): Promise<LoadResult> {
  if (ctx.generator !== 'wrk') return load({ ...options, seconds });
  const run = await generate('wrk', { ...options, seconds });
  return {
    reqPerSec: run.reqPerSec,
    bytesPerSec: run.bytesPerSec,
    latencyMeanMs: (options.connections * 1000) / run.reqPerSec,
    latencyP50Ms: run.latencyP50Ms,
    latencyP99Ms: run.latencyP99Ms,
    requests: run.requests,
    failures: run.failures,
  };
}

/**
 * Per column: the deep page of the big world and the first page of the small one, measured back
 * to back in two alternating halves (small, big, big, small), so that whatever else the machine
 * does in the meantime weighs on both sides alike.
 */
async function compareColumns(
  ctx: BenchContext,
  big: RunningStandin,
  small: RunningStandin,
): Promise<ColumnLatency[]> {
  const out: ColumnLatency[] = [];
  const half = Math.max(1, Math.round(ctx.seconds.scale / 2));
  for (const [i, column] of SCALE_COLUMNS.entries()) {
    const deepUrl = pageUrl(big, column, i, DEEP_OFFSET);
    const shallowUrl = pageUrl(small, column, i, 0);
    const sortBuildMs = await firstRequest(ctx, deepUrl, `export by ${column} at offset ${DEEP_OFFSET}`);
    await firstRequest(ctx, shallowUrl, `export by ${column} at offset 0`);
    const deep = { url: deepUrl, headers: ctx.enneoHeaders, connections: ctx.connections };
    const shallow = { url: shallowUrl, headers: ctx.enneoHeaders, connections: ctx.connections };
    const run = (options: typeof deep, seconds: number) => pinnedLoad(ctx, options, seconds);
    await run(deep, ctx.seconds.warmUp);
    await run(shallow, ctx.seconds.warmUp);
    const s1 = await run(shallow, half);
    const d1 = await run(deep, half);
    const d2 = await run(deep, half);
    const s2 = await run(shallow, half);
    const result = { column, deep: combine(d1, d2), shallow: combine(s1, s2), sortBuildMs };
    ctx.log(
      `scale: by ${column}: sort built in ${sortBuildMs.toFixed(0)} ms; mean ${result.deep.latencyMeanMs.toFixed(2)} ms ` +
        `at offset ${DEEP_OFFSET} vs ${result.shallow.latencyMeanMs.toFixed(2)} ms at offset 0 of ${SMALL_ROWS}`,
    );
    out.push(result);
  }
  return out;
}

/** Runs the small and the big world side by side and returns the rows of measurements 3 and 6. */
export async function measureScale(ctx: BenchContext, rowsPerTicket: number): Promise<Measurement[]> {
  ctx.log(`scale: starting a ${SMALL_ROWS}-row world`);
  return withServer(
    () => startStandin({ size: sizeForRows(SMALL_ROWS, rowsPerTicket, 40) }),
    async (small) => {
      // The 10k-row world is a larger sample of rows per ticket than the caller's estimate.
      const bigSize = sizeForRows(BIG_ROWS, small.ready.exportRows / small.ready.size.tickets, 400);
      ctx.log(`scale: generating a ${BIG_ROWS.toLocaleString('en-US')}-row world in a child…`);
      return withServer(
        // Node's default heap limit, as `standin serve` runs.
        () => startStandin({ size: bigSize }, [], 600_000),
        (big) => bigWorldRows(ctx, big, small),
      );
    },
  );
}

async function bigWorldRows(
  ctx: BenchContext,
  big: RunningStandin,
  small: RunningStandin,
): Promise<Measurement[]> {
  const { ready } = big;
  const startedPeak = readMemory(big.pid)?.peak ?? 0;
  ctx.log(
    `scale: ${ready.exportRows} rows generated in ${(ready.generateMs / 1000).toFixed(1)} s, ` +
      `started in ${(ready.startMs / 1000).toFixed(1)} s, peak RSS ${(startedPeak / 2 ** 20).toFixed(0)} MB`,
  );
  if (ready.exportRows < DEEP_OFFSET + PAGE_LIMIT) {
    throw new Error(`the big world has only ${ready.exportRows} rows; offset ${DEEP_OFFSET} would be empty`);
  }
  const columns = await compareColumns(ctx, big, small);
  const endPeak = readMemory(big.pid)?.peak ?? 0;
  const caches = await big.cacheStats();
  const cacheBytes = caches.reduce((sum, c) => sum + c.bytes, 0);
  const cacheLimit = caches.reduce((sum, c) => sum + c.limitBytes, 0);
  const cacheNote =
    `row-bytes cache ${caches.map((c) => `${c.projections.length} projections, ${c.rows} rows, ${c.evictions} evictions`).join('; ')} ` +
    `(limit ${(cacheLimit / 2 ** 20).toFixed(0)} MB)`;
  return [
    measurement({
      id: 'scale.start',
      title: `World of ${ready.exportRows.toLocaleString('en-US')} export rows: generate in memory and start`,
      figures: {
        's generate': ready.generateMs / 1000,
        's start': ready.startMs / 1000,
        'peak RSS after start bytes': startedPeak,
        'live heap after start bytes': ready.heapUsed,
        'peak RSS with sort orders bytes': endPeak,
      },
      ratioLabel: 'seconds to listen',
      ratio: (ready.generateMs + ready.startMs) / 1000,
      target: { op: '<=', value: 15, unit: ' s' },
      note: `${ready.size.agents} agents, ${ready.size.days} days, ${ready.size.tickets} tickets; Node's default heap limit`,
    }),
    measurement({
      id: 'scale.peak-rss',
      title: `World of ${ready.exportRows.toLocaleString('en-US')} export rows: peak RSS after start and every sort order's deep page`,
      figures: { 'peak RSS bytes': endPeak, 'row-bytes cache bytes': cacheBytes },
      note: cacheNote,
      ratioLabel: 'peak RSS GB',
      ratio: endPeak / 2 ** 30,
      target: { op: '<=', value: 1.2, unit: ' GB' },
    }),
    ...columns.map(({ column, deep, shallow, sortBuildMs }, i) => {
      const failed = deep.failures + shallow.failures;
      return measurement({
        id: `scale.deep-page.${column}`,
        title: `Page at offset ${DEEP_OFFSET.toLocaleString('en-US')} by ${column} ${direction(i)} (1M rows) vs offset 0 (10k rows)`,
        figures: {
          'ms mean deep': deep.latencyMeanMs,
          'ms mean 10k': shallow.latencyMeanMs,
          'ms p99 deep': deep.latencyP99Ms,
          'ms sort build (first request)': sortBuildMs,
        },
        ratioLabel: 'latency deep/10k',
        ratio: ratio(deep.latencyMeanMs, shallow.latencyMeanMs),
        target: { op: '<=', value: 1.5, unit: '×' },
        ...(failed > 0 ? { note: `${failed} requests failed or were not 2xx` } : {}),
      });
    }),
    measurement({
      id: 'generation',
      title: `World generation, ${ready.exportRows.toLocaleString('en-US')} export rows (with their worklogs, status logs, sessions)`,
      figures: {
        'rows/s': ready.exportRows / (ready.generateMs / 1000),
        's generate': ready.generateMs / 1000,
      },
      note: 'the whole world is generated; rows/s counts export rows only',
    }),
  ];
}
