/**
 * Measurement 1: one export page (JSON, limit=100, authenticated) from the default world, served
 * by standin, by a bare node:http server sending the same bytes from a ready Buffer, and by
 * Prism's static mock of contracts/enneo.yaml — all running at once, loaded in alternating
 * rounds with the same load on the same machine.
 */
import { contractPath } from '../../src/contract/loader.ts';
import { type BenchContext, EXPORT_PATH, exportUrl } from '../lib/context.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { combine, type LoadResult, load, loadFigures, warmUp } from '../lib/load.ts';
import { ensurePrism, PRISM_VERSION, startPrism } from '../lib/prism.ts';
import { type Measurement, measurement, ratio, skipped } from '../lib/report.ts';
import { type RunningServer, type RunningStandin, startBare, withServer } from '../lib/servers.ts';

export const PAGE_QUERY = { limit: 100, format: 'json' } as const;

/** standin's answer and its load figures; the body is what the bare server sends. */
export interface StandinPage {
  result: LoadResult;
  body: Buffer;
  contentType: string;
}

/** Prism's figures, or why there are none. */
export type PrismPage = { result: LoadResult; bodyBytes: number } | { skipped: string };

/** One server under comparison: where to send the page request. */
interface Contender {
  name: string;
  url: string;
  rounds: LoadResult[];
}

/** Starts Prism's static mock of the same operation, or says why it could not. */
async function startPrismPage(ctx: BenchContext): Promise<{ server: RunningServer; url: string } | string> {
  const installed = await ensurePrism(ctx.log);
  if (!installed.ok) return `Prism not available (${installed.reason})`;
  const probe = `/export/reporting_worklog?${new URLSearchParams({ limit: '100', format: 'json' })}`;
  try {
    const server = await startPrism(installed.cli, contractPath('enneo'), probe, ctx.enneoHeaders);
    return { server, url: `${server.origin}${probe}` };
  } catch (err) {
    return `Prism did not start (${err instanceof Error ? err.message : String(err)})`;
  }
}

/**
 * Loads the three servers in alternating rounds (standin, node, Prism; then Prism, node, standin),
 * all of them running throughout, so that a drift in what else the machine does weighs on each
 * alike; each server's figures are its rounds combined.
 */
async function alternate(ctx: BenchContext, contenders: Contender[]): Promise<void> {
  const half = Math.max(1, Math.round(ctx.seconds.headline / 2));
  for (const c of contenders) {
    await warmUp({ url: c.url, headers: ctx.enneoHeaders, connections: ctx.connections }, ctx.seconds.warmUp);
  }
  for (const order of [contenders, [...contenders].reverse()]) {
    for (const c of order) {
      ctx.log(`export page: loading ${c.name} for ${half} s`);
      c.rounds.push(
        await load({ url: c.url, headers: ctx.enneoHeaders, connections: ctx.connections, seconds: half }),
      );
    }
  }
}

/**
 * Measurement 1 on a running standin (default world): starts the bare node:http server with
 * standin's bytes and Prism, loads all three, stops the two peers.
 */
export async function measureExportPage(
  ctx: BenchContext,
  standin: RunningStandin,
): Promise<{ page: StandinPage; bare: LoadResult; prism: PrismPage }> {
  const url = exportUrl(standin.origin, PAGE_QUERY);
  const first = await fetchBody(url, ctx.enneoHeaders);
  expectOk('standin export page', first);
  const contentType = String(first.headers['content-type']);
  ctx.log(`export page: standin answers ${first.body.length} bytes`);

  return withServer(
    () => startBare(first.body, contentType),
    async (bare) => {
      const prism = await startPrismPage(ctx);
      try {
        const contenders: Contender[] = [
          { name: 'standin', url, rounds: [] },
          { name: 'bare node:http', url: `${bare.origin}/export/reporting_worklog`, rounds: [] },
        ];
        let prismBytes = 0;
        if (typeof prism !== 'string') {
          const answer = await fetchBody(prism.url, ctx.enneoHeaders);
          expectOk('prism export page', answer);
          prismBytes = answer.body.length;
          contenders.push({ name: 'Prism', url: prism.url, rounds: [] });
        } else {
          ctx.log(`export page: ${prism}; the Prism column is skipped`);
        }
        await alternate(ctx, contenders);
        const [s, b, p] = contenders.map((c) => combine(c.rounds[0]!, c.rounds[1]!));
        return {
          page: { result: s!, body: first.body, contentType },
          bare: b!,
          prism: p ? { result: p, bodyBytes: prismBytes } : { skipped: prism as string },
        };
      } finally {
        if (typeof prism !== 'string') await prism.server.stop();
      }
    },
  );
}

function failures(result: LoadResult): string | undefined {
  return result.failures > 0 ? `${result.failures} requests failed or were not 2xx` : undefined;
}

const TITLE = 'Export page, JSON, limit=100';

/** The three rows of measurement 1. */
export function exportPageRows(page: StandinPage, bare: LoadResult, prism: PrismPage): Measurement[] {
  const standinNote = failures(page.result);
  const rows: Measurement[] = [
    measurement({
      id: 'export-json-100.standin',
      title: `${TITLE}: standin (${EXPORT_PATH})`,
      figures: { ...loadFigures(page.result), 'body bytes': page.body.length },
      ...(standinNote ? { note: standinNote } : {}),
    }),
    measurement({
      id: 'export-json-100.node-http',
      title: `${TITLE}: bare node:http, same bytes from a Buffer`,
      figures: loadFigures(bare),
      ratioLabel: 'standin/node',
      ratio: ratio(page.result.reqPerSec, bare.reqPerSec),
      target: { op: '>=', value: 0.7, unit: '×' },
      ...(failures(bare) ? { note: failures(bare) } : {}),
    }),
  ];
  const prismTitle = `${TITLE}: Prism ${PRISM_VERSION} static mock of contracts/enneo.yaml`;
  const prismTarget = { op: '>=', value: 5, unit: '×' } as const;
  if ('skipped' in prism) {
    rows.push(skipped('export-json-100.prism', prismTitle, prism.skipped, prismTarget));
  } else {
    rows.push(
      measurement({
        id: 'export-json-100.prism',
        title: prismTitle,
        figures: { ...loadFigures(prism.result), 'body bytes': prism.bodyBytes },
        ratioLabel: 'standin/prism',
        ratio: ratio(page.result.reqPerSec, prism.result.reqPerSec),
        target: prismTarget,
        note: `Prism answers its one example item and ignores limit${failures(prism.result) ? `; ${failures(prism.result)}` : ''}`,
      }),
    );
  }
  return rows;
}
