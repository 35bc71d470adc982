/**
 * `npx tsx bench/shared-state.ts`: what the Redis state (issue 19) costs, measured A/B in one run
 * on loopback with a real redis-server (the test helper starts it on a free port):
 *
 * - propagation: a setting PUT through replica A, then the next vendor request through replica B,
 *   which must already see it (the consistency rule); median and p95 of the PUT's round trip and
 *   of PUT + B's first request (which reloads the snapshot);
 * - steady state: one vendor request at a time through a replica on Redis and through one without,
 *   the added latency being the version check (one Redis round trip).
 *
 * - load: wrk (10 connections, 5 s) against `standin serve` with and without `--state`, each its
 *   own process: requests per second, and CPU per request of standin and of redis-server.
 *
 * Client and servers share one machine (and, for the first two, one process): read the
 * differences, not the absolutes.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { type RunningServer, startServer } from '../src/api/server.ts';
import { serve } from '../test/cli/helpers.ts';
import { startRedis } from '../test/support/redis.ts';
import { treeCpuSeconds } from './lib/cpu.ts';

const SIZE = { agents: 12, days: 60, tickets: 200 };
const PAGE = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02&page=1&size=20';
const ROUNDS = Number(process.env.ROUNDS ?? 300);

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (v: number) => `${v.toFixed(3)} ms`;
const summary = (name: string, values: number[]) =>
  console.log(`${name.padEnd(52)} median ${ms(quantile(values, 0.5))}  p95 ${ms(quantile(values, 0.95))}`);

async function vendor(server: RunningServer): Promise<Response> {
  const res = await fetch(`${server.url}${PAGE}`, { headers: { Key: 'standin-voipcube-dev-key' } });
  await res.arrayBuffer();
  return res;
}

async function put(server: RunningServer, format: string): Promise<void> {
  const res = await fetch(`${server.url}/__standin/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enneo: { defaultDateExportFormat: format } }),
  });
  if (res.status !== 200) throw new Error(`PUT answered ${res.status}`);
  await res.arrayBuffer();
}

async function propagation(a: RunningServer, b: RunningServer, label: string): Promise<void> {
  const puts: number[] = [];
  const visible: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const t0 = performance.now();
    await put(a, i % 2 === 0 ? 'csv' : 'json');
    const t1 = performance.now();
    await vendor(b);
    const t2 = performance.now();
    puts.push(t1 - t0);
    visible.push(t2 - t0);
  }
  summary(`${label}: PUT /__standin/settings through A`, puts);
  summary(`${label}: PUT on A + first vendor request on B`, visible);
}

async function steady(server: RunningServer, label: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) await vendor(server);
  const times: number[] = [];
  for (let i = 0; i < ROUNDS * 5; i += 1) {
    const t0 = performance.now();
    await vendor(server);
    times.push(performance.now() - t0);
  }
  summary(`${label}: one vendor request at a time`, times);
}

/** wrk against one vendor page of `origin`: req/s, and CPU ms per request of the given processes. */
function load(origin: string, pids: number[], label: string): void {
  const before = pids.map((pid) => treeCpuSeconds(pid) ?? 0);
  const out = execFileSync(
    'wrk',
    ['-t1', '-c10', '-d5s', '-H', 'Key: standin-voipcube-dev-key', `${origin}${PAGE}`],
    { encoding: 'utf8' },
  );
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const total = Number(/(\d+) requests in/.exec(out)?.[1]);
  const used = pids.map((pid, i) => ((treeCpuSeconds(pid) ?? 0) - before[i]!) * 1000);
  console.log(
    `${label.padEnd(52)} ${perSecond.toFixed(0)} req/s  CPU per request: ${used.map((u) => `${(u / total).toFixed(3)} ms`).join(' + ')}`,
  );
}

async function underLoad(redisUrl: string, redisPid: number): Promise<void> {
  const size = [
    '--agents',
    String(SIZE.agents),
    '--days',
    String(SIZE.days),
    '--tickets',
    String(SIZE.tickets),
  ];
  const plain = await serve(size);
  const shared = await serve([...size, '--state', redisUrl]);
  try {
    load(plain.origin, [plain.child.pid!], 'in-process: wrk, standin');
    load(shared.origin, [shared.child.pid!, redisPid], 'redis: wrk, standin + redis-server');
  } finally {
    plain.child.kill('SIGTERM');
    shared.child.kill('SIGTERM');
    await Promise.all([plain.exited, shared.exited]);
  }
}

const redis = await startRedis();
const a = await startServer({ ...SIZE, state: redis.url, replicaName: 'a' });
const b = await startServer({ ...SIZE, state: redis.url, replicaName: 'b' });
const alone = await startServer({ ...SIZE });
try {
  for (let i = 0; i < 50; i += 1) await put(a, 'json');
  await propagation(alone, alone, 'in-process (one server)');
  await propagation(a, b, 'redis (A → B)');
  await steady(alone, 'in-process');
  await steady(b, 'redis');
  await underLoad(redis.url, redis.pid()!);
} finally {
  await Promise.all([a.close(), b.close(), alone.close()]);
  await redis.stop();
}
