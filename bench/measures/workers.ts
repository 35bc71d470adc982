/**
 * Past one process (issue 19): the export page with `--workers 2` against `--workers 1` (both on
 * one Redis state), and how long a setting made through one replica takes to hold on another.
 *
 * Honest limits: the machine has the cores the workers want, and wrk must run on them too, so
 * nothing is pinned here: the workers, Redis and the generator share every core. The ratio says
 * how much a second worker gains on this machine with its generator, not on a machine whose load
 * comes from elsewhere. Server CPU per request counts standin's processes and Redis.
 */
import type { ChildProcess } from 'node:child_process';
import { type RedisServer, redisMissing, startRedis } from '../../test/support/redis.ts';
import { spawnTracked, stopChild } from '../lib/children.ts';
import type { BenchContext } from '../lib/context.ts';
import { exportUrl } from '../lib/context.ts';
import { treeCpuSeconds } from '../lib/cpu.ts';
import { generate } from '../lib/generator.ts';
import { fetchBody } from '../lib/http-get.ts';
import { freePort } from '../lib/peer-server.ts';
import { type Measurement, measurement, skipped } from '../lib/report.ts';
import { spread } from '../lib/rounds.ts';
import { cliEntry } from './startup.ts';

const PAGE = { limit: 100 };
const SETTING_ROUNDS = 40;

interface Serving {
  child: ChildProcess;
  origin: string;
}

/** `standin serve --state <redis> --workers n`, unpinned, once the export answers. */
async function startServe(
  redis: RedisServer,
  workers: number,
  headers: Record<string, string>,
): Promise<Serving> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = ['serve', '--port', String(port), '--state', redis.url, '--workers', String(workers)];
  const child = spawnTracked(process.execPath, [...cliEntry().argv, ...args], { quiet: true });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standin ${args.join(' ')} exited with ${child.exitCode}`);
    try {
      if ((await fetchBody(exportUrl(origin, { limit: 1 }), headers, 2000)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 60_000) {
      await stopChild(child);
      throw new Error(`standin ${args.join(' ')} gave no answer within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Every worker listens once the primary has said so; give the others their world too.
  await new Promise((resolve) => setTimeout(resolve, workers > 1 ? 1500 : 0));
  return { child, origin };
}

/** One measured run: req/s and CPU µs per request of standin's processes plus Redis. */
async function run(ctx: BenchContext, redis: RedisServer, server: Serving, seconds: number) {
  const options = {
    url: exportUrl(server.origin, PAGE),
    headers: ctx.enneoHeaders,
    connections: ctx.connections,
    seconds,
    cpu: null,
  };
  const cpu = () =>
    (treeCpuSeconds(server.child.pid!) ?? Number.NaN) + (treeCpuSeconds(redis.pid() ?? -1) ?? Number.NaN);
  const before = cpu();
  const result = await generate(ctx.generator, options);
  const used = cpu() - before;
  if (result.failures > 0) throw new Error(`${result.failures} failed requests with the page under load`);
  return { reqPerSec: result.reqPerSec, cpuUs: (used / result.requests) * 1e6 };
}

async function throughput(ctx: BenchContext, redis: RedisServer): Promise<Measurement[]> {
  const figures = new Map<number, { reqPerSec: number[]; cpuUs: number[] }>([
    [1, { reqPerSec: [], cpuUs: [] }],
    [2, { reqPerSec: [], cpuUs: [] }],
  ]);
  for (let round = 0; round < ctx.rounds; round++) {
    for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
      const server = await startServe(redis, workers, ctx.enneoHeaders);
      try {
        await run(ctx, redis, server, ctx.seconds.warmUp);
        const measured = await run(ctx, redis, server, ctx.seconds.peers);
        figures.get(workers)!.reqPerSec.push(measured.reqPerSec);
        figures.get(workers)!.cpuUs.push(measured.cpuUs);
        ctx.log(
          `workers: ${workers} → ${measured.reqPerSec.toFixed(0)} req/s, ${measured.cpuUs.toFixed(0)} µs/request`,
        );
      } finally {
        await stopChild(server.child);
      }
    }
  }
  const one = spread(figures.get(1)!.reqPerSec);
  const two = spread(figures.get(2)!.reqPerSec);
  const row = (workers: number) => {
    const r = spread(figures.get(workers)!.reqPerSec);
    const c = spread(figures.get(workers)!.cpuUs);
    return { 'req/s median': r.median, 'req/s min': r.min, 'req/s max': r.max, 'µs CPU/request': c.median };
  };
  const note =
    'unpinned: the workers, Redis and wrk share the machine’s cores, so the gain is bounded by the machine, not by standin alone';
  return [
    measurement({
      id: 'workers.page-1',
      title: `Export page (JSON, limit=100), --workers 1 --state redis (${ctx.generator}, ${ctx.connections} connections)`,
      figures: row(1),
      note,
    }),
    measurement({
      id: 'workers.page-2',
      title: `Export page (JSON, limit=100), --workers 2 --state redis (${ctx.generator}, ${ctx.connections} connections)`,
      figures: row(2),
      ratioLabel: 'req/s 2 workers / 1',
      ratio: two.median / one.median,
      note,
    }),
  ];
}

/** A setting changed through replica A, read back at once through replica B. */
async function propagation(ctx: BenchContext, redis: RedisServer): Promise<Measurement> {
  const a = await startServe(redis, 1, ctx.enneoHeaders);
  const b = await startServe(redis, 1, ctx.enneoHeaders);
  try {
    const put: number[] = [];
    const read: number[] = [];
    let seen = 0;
    for (let i = 0; i < SETTING_ROUNDS; i++) {
      const level = i % 2 === 0 ? 'pseudonymized' : 'none';
      const t0 = performance.now();
      const changed = await fetch(`${a.origin}/__standin/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enneo: { reportingPrivacyLevel: level } }),
      });
      const t1 = performance.now();
      if (!changed.ok) throw new Error(`PUT /__standin/settings on replica A answered ${changed.status}`);
      await changed.arrayBuffer();
      const there = await fetch(`${b.origin}/__standin/settings`);
      const t2 = performance.now();
      const body = (await there.json()) as { enneo?: { reportingPrivacyLevel?: string } };
      if (body.enneo?.reportingPrivacyLevel === level) seen++;
      put.push(t1 - t0);
      read.push(t2 - t1);
    }
    const p = spread(put);
    const r = spread(read);
    ctx.log(`workers: setting on A → B ${seen}/${SETTING_ROUNDS}, PUT ${p.median.toFixed(2)} ms`);
    return measurement({
      id: 'workers.setting-propagation',
      title: 'A setting changed through replica A, read at once through replica B (two processes, one Redis)',
      figures: {
        'ms PUT on A median': p.median,
        'ms PUT on A max': p.max,
        'ms GET on B median': r.median,
        'seen on B at once': seen,
        rounds: SETTING_ROUNDS,
      },
      ratioLabel: 'share seen on B at once',
      ratio: seen / SETTING_ROUNDS,
      target: { op: '>=', value: 1 },
    });
  } finally {
    await Promise.all([stopChild(a.child), stopChild(b.child)]);
  }
}

/** The rows of `--only workers`. */
export async function measureWorkers(ctx: BenchContext): Promise<Measurement[]> {
  const missing = redisMissing();
  if (missing !== null) return [skipped('workers', 'Workers and shared state', missing)];
  const redis = await startRedis();
  try {
    return [...(await throughput(ctx, redis)), await propagation(ctx, redis)];
  } finally {
    await redis.stop();
  }
}
