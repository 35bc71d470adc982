/**
 * The headline: standin against the servers users would pick, on the same bytes — the export page
 * (JSON, limit=100, ~118 KB) and a ~1 KB VoIPcube answer. Every server runs in its own process on
 * the server CPU, the generator on the other; each server and body is loaded in `ctx.rounds`
 * rounds, the order of servers reversed every round, so that drift weighs on each alike. The
 * primary figure is server CPU per request (it does not depend on who saturates first); req/s
 * ratios are judged too, and every row says what bounded it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchContext, exportUrl, smallVoipcubeUrl } from '../lib/context.ts';
import { expectOk, fetchBody } from '../lib/http-get.ts';
import { type BodyName, type Peer, peerStarters, type SameBytes, writeBodies } from '../lib/peers.ts';
import { type Measurement, measurement, ratio, skipped, type Target } from '../lib/report.ts';
import { measuredRun, type RoundsSummary, type RunFigures, summarize } from '../lib/rounds.ts';
import { readMemory } from '../lib/rss.ts';
import type { RunningStandin } from '../lib/servers.ts';

export const PAGE_QUERY = { limit: 100, format: 'json' } as const;
const MB = 2 ** 20;

interface Contender {
  name: string;
  kind: 'standin' | Peer['kind'];
  pid: number;
  urls: Record<BodyName, string>;
  headers: Record<BodyName, Record<string, string>>;
  runs: Record<BodyName, RunFigures[]>;
  note?: string;
}

const BODY_TITLES: Record<BodyName, string> = {
  page: 'Export page (JSON, limit=100)',
  small: 'VoIPcube answer (10 logs)',
};

/** Throughput targets: standin's req/s over the peer's, by peer name prefix and body. */
const THROUGHPUT_TARGETS: Record<BodyName, Record<string, number>> = {
  page: { Prism: 5, WireMock: 3, Mockoon: 4 },
  small: { Prism: 3, WireMock: 1.2, Mockoon: 3 },
};
/** standin's CPU per request over plain Express 5's. */
const CPU_TARGET: Target = { op: '<=', value: 0.65, unit: '×' };
const RSS_TARGET: Target = { op: '<=', value: 200, unit: ' MB' };

/** The bytes standin answers, which every peer then sends too. */
async function standinBytes(ctx: BenchContext, standin: RunningStandin): Promise<SameBytes> {
  const page = await fetchBody(exportUrl(standin.origin, PAGE_QUERY), ctx.enneoHeaders);
  expectOk('standin export page', page);
  const small = await fetchBody(smallVoipcubeUrl(standin.origin, standin.ready.anchor), ctx.voipcubeHeaders);
  expectOk('standin VoIPcube answer', small);
  return {
    page: { body: page.body, contentType: String(page.headers['content-type']) },
    small: { body: small.body, contentType: String(small.headers['content-type']) },
  };
}

/** Loads every contender in alternating rounds; a warm-up run each first, not counted. */
async function loadRounds(ctx: BenchContext, contenders: Contender[]): Promise<void> {
  const options = (c: Contender, body: BodyName, seconds: number) => ({
    url: c.urls[body],
    headers: c.headers[body],
    connections: ctx.connections,
    seconds,
  });
  for (const c of contenders) {
    for (const body of ['page', 'small'] as const) {
      await measuredRun(ctx.generator, c.pid, options(c, body, ctx.seconds.warmUp));
    }
  }
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? contenders : [...contenders].reverse();
    for (const body of ['page', 'small'] as const) {
      for (const c of order) {
        const run = await measuredRun(ctx.generator, c.pid, options(c, body, ctx.seconds.peers));
        ctx.log(
          `peers: round ${round + 1}/${ctx.rounds} ${body} ${c.name}: ${run.reqPerSec.toFixed(0)} req/s, ` +
            `${run.cpuPerRequestUs.toFixed(0)} µs CPU/req, server ${(run.serverCore * 100).toFixed(0)}% ` +
            `generator ${(run.generatorCore * 100).toFixed(0)}% steal ${(run.steal * 100).toFixed(1)}% → ${run.bound}`,
        );
        c.runs[body].push(run);
      }
    }
  }
}

function figuresOf(s: RoundsSummary, bytes: number): Record<string, number> {
  return {
    'req/s': s.reqPerSec.median,
    'req/s min': s.reqPerSec.min,
    'req/s max': s.reqPerSec.max,
    'µs CPU/req': s.cpuPerRequestUs.median,
    'µs CPU/req min': s.cpuPerRequestUs.min,
    'µs CPU/req max': s.cpuPerRequestUs.max,
    '% server core': s.serverCore * 100,
    '% generator core': s.generatorCore * 100,
    '% steal max': s.steal * 100,
    'clean rounds': s.clean,
    'body bytes': bytes,
  };
}

function noteOf(s: RoundsSummary, extra?: string): string | undefined {
  const parts = [
    extra,
    s.clean === 0
      ? `no round free of outside load (of ${s.rounds}): preliminary`
      : `${s.clean} of ${s.rounds} rounds free of outside load, figures from those`,
    s.failures > 0 ? `${s.failures} requests failed or were not 2xx` : undefined,
    s.outside >= 0.1 ? `outside load up to ${(s.outside * 100).toFixed(0)}% of a core` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The rows: one per server and body, standin's ratios judged against the targets, RSS. */
export function peerRows(
  contenders: readonly Contender[],
  skippedPeers: readonly { name: string; reason: string }[],
  bytes: SameBytes,
  rssAfter: number | null,
): Measurement[] {
  const rows: Measurement[] = [];
  const standin = contenders.find((c) => c.kind === 'standin')!;
  for (const body of ['page', 'small'] as const) {
    const mine = summarize(standin.runs[body]);
    const size = bytes[body].body.length;
    const title = (name: string, s: RoundsSummary) =>
      `${BODY_TITLES[body]}, ${(size / 1000).toFixed(size < 10_000 ? 1 : 0)} kB: ${name} [bound: ${s.bound}]`;
    rows.push(
      measurement({
        id: `peers.${body}.standin`,
        title: title('standin', mine),
        figures: figuresOf(mine, size),
        ...(noteOf(mine) ? { note: noteOf(mine) } : {}),
      }),
    );
    for (const peer of contenders.filter((c) => c.kind !== 'standin')) {
      const theirs = summarize(peer.runs[body]);
      const key = peer.name.split(' ')[0]!;
      const throughput = THROUGHPUT_TARGETS[body][key];
      const isExpress = peer.name.startsWith('plain Express');
      const judged: Partial<Measurement> = isExpress
        ? {
            ratioLabel: 'standin/Express CPU per request',
            ratio: ratio(mine.cpuPerRequestUs.median, theirs.cpuPerRequestUs.median),
            target: CPU_TARGET,
          }
        : throughput !== undefined
          ? {
              ratioLabel: 'standin/peer req/s',
              ratio: ratio(mine.reqPerSec.median, theirs.reqPerSec.median),
              target: { op: '>=', value: throughput, unit: '×' },
            }
          : {
              ratioLabel: 'standin/peer CPU per request',
              ratio: ratio(mine.cpuPerRequestUs.median, theirs.cpuPerRequestUs.median),
            };
      const note = noteOf(theirs, peer.note);
      rows.push(
        measurement({
          id: `peers.${body}.${key.toLowerCase().replace(/[^a-z]/g, '-')}`,
          title: title(peer.name, theirs),
          figures: figuresOf(theirs, size),
          ...judged,
          ...(note ? { note } : {}),
        }),
      );
    }
    for (const peer of skippedPeers) {
      const key = peer.name.split(' ')[0]!;
      const throughput = THROUGHPUT_TARGETS[body][key];
      rows.push(
        skipped(
          `peers.${body}.${key.toLowerCase()}`,
          `${BODY_TITLES[body]}: ${peer.name}`,
          peer.reason,
          throughput === undefined ? undefined : { op: '>=', value: throughput, unit: '×' },
        ),
      );
    }
  }
  rows.push(
    measurement({
      id: 'peers.standin-rss-after-load',
      title: 'standin (default world) resident memory after the peer comparison',
      figures: rssAfter === null ? {} : { 'RSS bytes': rssAfter },
      ratioLabel: 'RSS MB',
      ratio: rssAfter === null ? null : rssAfter / MB,
      target: RSS_TARGET,
    }),
  );
  return rows;
}

/** Starts the peers with standin's bytes, loads everything, stops the peers, returns the rows. */
export async function measurePeers(ctx: BenchContext, standin: RunningStandin): Promise<Measurement[]> {
  const bytes = await standinBytes(ctx, standin);
  ctx.log(`peers: page ${bytes.page.body.length} bytes, small answer ${bytes.small.body.length} bytes`);
  const dir = mkdtempSync(join(tmpdir(), 'standin-bench-peers-'));
  writeBodies(dir, bytes);
  const peers: Peer[] = [];
  const skippedPeers: { name: string; reason: string }[] = [];
  try {
    for (const starter of peerStarters(dir, bytes, ctx.log, ctx.seconds.wiremockWarmUp)) {
      ctx.log(`peers: starting ${starter.name}`);
      const started = await starter.start();
      if (typeof started === 'string') {
        ctx.log(`peers: ${starter.name} skipped: ${started}`);
        skippedPeers.push({ name: starter.name, reason: started });
      } else {
        for (const name of ['page', 'small'] as const) {
          expectOk(
            `${started.name} ${name}`,
            await fetchBody(`${started.server.origin}${started.paths[name]}`),
          );
        }
        peers.push(started);
      }
    }
    const contenders: Contender[] = [
      {
        name: 'standin',
        kind: 'standin',
        pid: standin.pid,
        urls: {
          page: exportUrl(standin.origin, PAGE_QUERY),
          small: smallVoipcubeUrl(standin.origin, standin.ready.anchor),
        },
        headers: { page: ctx.enneoHeaders, small: ctx.voipcubeHeaders },
        runs: { page: [], small: [] },
      },
      ...peers.map(
        (p): Contender => ({
          name: p.name,
          kind: p.kind,
          pid: p.server.pid,
          urls: { page: `${p.server.origin}${p.paths.page}`, small: `${p.server.origin}${p.paths.small}` },
          headers: { page: {}, small: {} },
          runs: { page: [], small: [] },
          ...(p.note ? { note: p.note } : {}),
        }),
      ),
    ];
    await loadRounds(ctx, contenders);
    // What a user's process holds after the load, without a forced collection.
    const rss = readMemory(standin.pid)?.rss ?? null;
    return peerRows(contenders, skippedPeers, bytes, rss);
  } finally {
    for (const peer of peers) await peer.server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
