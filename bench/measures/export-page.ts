/**
 * Measurement 1: one export page (JSON, limit=100, authenticated) from the default world, served
 * by standin, by a bare node:http server sending the same bytes from a ready Buffer, and by
 * Prism's static mock of contracts/enneo.yaml — one after another, same load, same machine.
 */
import { contractPath } from '../../src/contract/loader.ts';
import { type BenchContext, EXPORT_PATH, exportUrl } from '../lib/context.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { type LoadResult, load, loadFigures, warmUp } from '../lib/load.ts';
import { ensurePrism, PRISM_VERSION, startPrism } from '../lib/prism.ts';
import { type Measurement, measurement, ratio, skipped } from '../lib/report.ts';
import { type RunningServer, type RunningStandin, startBare, withServer } from '../lib/servers.ts';

export const PAGE_QUERY = { limit: 100, format: 'json' } as const;

/** standin's answer and its load figures; the body is what the bare server will send. */
export interface StandinPage {
  result: LoadResult;
  body: Buffer;
  contentType: string;
}

async function measure(ctx: BenchContext, url: string): Promise<LoadResult> {
  const options = { url, headers: ctx.enneoHeaders, connections: ctx.connections };
  await warmUp(options, ctx.seconds.warmUp);
  return load({ ...options, seconds: ctx.seconds.headline });
}

/** Loads the export page from a running standin (default world). */
export async function measureStandinPage(ctx: BenchContext, standin: RunningStandin): Promise<StandinPage> {
  const url = exportUrl(standin.origin, PAGE_QUERY);
  const first = await fetchBody(url, ctx.enneoHeaders);
  expectOk('standin export page', first);
  ctx.log(`export page: ${first.body.length} bytes; loading standin for ${ctx.seconds.headline} s`);
  const result = await measure(ctx, url);
  return { result, body: first.body, contentType: String(first.headers['content-type']) };
}

/** Loads a bare node:http server that answers with standin's bytes. */
export async function measureBarePage(ctx: BenchContext, page: StandinPage): Promise<LoadResult> {
  ctx.log(`export page: loading bare node:http for ${ctx.seconds.headline} s`);
  return withServer(
    () => startBare(page.body, page.contentType),
    (bare) => measure(ctx, `${bare.origin}/export/reporting_worklog`),
  );
}

/** Loads Prism's static mock of the same operation, or says why it could not. */
export async function measurePrismPage(
  ctx: BenchContext,
): Promise<{ result: LoadResult; bodyBytes: number } | { skipped: string }> {
  const installed = await ensurePrism(ctx.log);
  if (!installed.ok) return { skipped: `Prism not available (${installed.reason})` };
  const probe = `/export/reporting_worklog?${new URLSearchParams({ limit: '100', format: 'json' })}`;
  let server: RunningServer;
  try {
    server = await startPrism(installed.cli, contractPath('enneo'), probe, ctx.enneoHeaders);
  } catch (err) {
    return { skipped: `Prism did not start (${err instanceof Error ? err.message : String(err)})` };
  }
  try {
    const url = `${server.origin}${probe}`;
    const first = await fetchBody(url, ctx.enneoHeaders);
    expectOk('prism export page', first);
    ctx.log(
      `export page: Prism answers ${first.body.length} bytes; loading it for ${ctx.seconds.headline} s`,
    );
    return { result: await measure(ctx, url), bodyBytes: first.body.length };
  } finally {
    await server.stop();
  }
}

function failures(result: LoadResult): string | undefined {
  return result.failures > 0 ? `${result.failures} requests failed or were not 2xx` : undefined;
}

const TITLE = 'Export page, JSON, limit=100';

/** The three rows of measurement 1. */
export function exportPageRows(
  page: StandinPage,
  bare: LoadResult,
  prism: { result: LoadResult; bodyBytes: number } | { skipped: string },
): Measurement[] {
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
