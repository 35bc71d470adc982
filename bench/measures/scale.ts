/**
 * Measurements 3 and 6: a world of about 1,000,000 export rows generated in memory — how long it
 * takes to generate and start, how much memory it peaks at — and whether a page deep in it
 * (offset 990,000) sorted by a column costs what the first page of a 10,000-row world costs.
 */
import type { ExportColumn, WorldSize } from '../../src/world/types.ts';
import { type BenchContext, exportUrl } from '../lib/context.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { type LoadResult, load, warmUp } from '../lib/load.ts';
import { type Measurement, measurement, ratio } from '../lib/report.ts';
import { readMemory } from '../lib/rss.ts';
import { BIG_HEAP_FLAGS, type RunningStandin, startStandin, withServer } from '../lib/servers.ts';

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
  result: LoadResult;
  /** The first request for the column, which builds its sort order. */
  firstMs: number;
}

const direction = (i: number) => (i % 2 === 0 ? 'asc' : 'desc');

async function latencies(
  ctx: BenchContext,
  standin: RunningStandin,
  offset: number,
): Promise<ColumnLatency[]> {
  const out: ColumnLatency[] = [];
  for (const [i, column] of SCALE_COLUMNS.entries()) {
    const url = exportUrl(standin.origin, {
      limit: PAGE_LIMIT,
      offset,
      orderByField: column,
      orderByDirection: direction(i),
      format: 'json',
    });
    // The warm-up request: the column's sort order is computed lazily, once, here.
    const first = await fetchBody(url, ctx.enneoHeaders);
    expectOk(`export by ${column} at offset ${offset}`, first);
    const items = (JSON.parse(first.body.toString('utf8')) as unknown[]).length;
    if (items !== PAGE_LIMIT) throw new Error(`export by ${column} at offset ${offset} gave ${items} rows`);
    const options = { url, headers: ctx.enneoHeaders, connections: ctx.connections };
    await warmUp(options, ctx.seconds.warmUp);
    const result = await load({ ...options, seconds: ctx.seconds.scale });
    ctx.log(
      `scale: offset ${offset} by ${column}: first ${first.ms.toFixed(0)} ms, then mean ${result.latencyMeanMs.toFixed(2)} ms`,
    );
    out.push({ column, result, firstMs: first.ms });
  }
  return out;
}

/** Runs the small and the big world in turn and returns the rows of measurements 3 and 6. */
export async function measureScale(ctx: BenchContext, rowsPerTicket: number): Promise<Measurement[]> {
  ctx.log(`scale: ${SMALL_ROWS}-row world, offset 0, ${SCALE_COLUMNS.length} columns`);
  const small = await withServer(
    () => startStandin({ size: sizeForRows(SMALL_ROWS, rowsPerTicket, 40) }),
    async (standin) => ({
      columns: await latencies(ctx, standin, 0),
      // The 10k-row world is a larger sample of rows per ticket than the caller's estimate.
      rowsPerTicket: standin.ready.exportRows / standin.ready.size.tickets,
    }),
  );

  ctx.log(`scale: generating a ${BIG_ROWS.toLocaleString('en-US')}-row world in a child…`);
  const bigSize = sizeForRows(BIG_ROWS, small.rowsPerTicket, 400);
  return withServer(
    () => startStandin({ size: bigSize }, BIG_HEAP_FLAGS, 600_000),
    async (standin) => {
      const { ready } = standin;
      const startedPeak = readMemory(standin.pid)?.peak ?? 0;
      ctx.log(
        `scale: ${ready.exportRows} rows generated in ${(ready.generateMs / 1000).toFixed(1)} s, ` +
          `started in ${(ready.startMs / 1000).toFixed(1)} s, peak RSS ${(startedPeak / 2 ** 20).toFixed(0)} MB`,
      );
      if (ready.exportRows < DEEP_OFFSET + PAGE_LIMIT) {
        throw new Error(
          `the big world has only ${ready.exportRows} rows; offset ${DEEP_OFFSET} would be empty`,
        );
      }
      const big = await latencies(ctx, standin, DEEP_OFFSET);
      const endPeak = readMemory(standin.pid)?.peak ?? 0;
      return [
        measurement({
          id: 'scale.start',
          title: `World of ${ready.exportRows.toLocaleString('en-US')} export rows: generate in memory and start`,
          figures: {
            's generate': ready.generateMs / 1000,
            's start': ready.startMs / 1000,
            'peak RSS after start bytes': startedPeak,
            'peak RSS with sort orders bytes': endPeak,
          },
          ratioLabel: 'seconds to listen',
          ratio: (ready.generateMs + ready.startMs) / 1000,
          target: { op: '<=', value: 60, unit: ' s' },
          note: `${ready.size.agents} agents, ${ready.size.days} days, ${ready.size.tickets} tickets; node ${BIG_HEAP_FLAGS.join(' ')}`,
        }),
        ...big.map((deep, i) => {
          const shallow = small.columns[i]!;
          return measurement({
            id: `scale.deep-page.${deep.column}`,
            title: `Page at offset ${DEEP_OFFSET.toLocaleString('en-US')} by ${deep.column} ${direction(i)} (1M rows) vs offset 0 (10k rows)`,
            figures: {
              'ms mean deep': deep.result.latencyMeanMs,
              'ms mean 10k': shallow.result.latencyMeanMs,
              'ms p99 deep': deep.result.latencyP99Ms,
              'ms sort build (first request)': deep.firstMs,
            },
            ratioLabel: 'latency deep/10k',
            ratio: ratio(deep.result.latencyMeanMs, shallow.result.latencyMeanMs),
            target: { op: '<=', value: 1.5, unit: '×' },
            ...(deep.result.failures + shallow.result.failures > 0
              ? { note: `${deep.result.failures + shallow.result.failures} requests failed or were not 2xx` }
              : {}),
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
    },
  );
}
