/**
 * `serve --workers 2 --state redis://…` as its own process, on a real redis-server: one banner,
 * the same bytes as one process, controls in force on every worker, a journal naming both, a
 * worker that dies replaced, and SIGTERM stopping them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisMissing, startRedis } from '../support/redis.ts';
import { type Serving, SMALL, serve } from './helpers.ts';

const missing = redisMissing();
if (missing) console.warn(`test/cli/workers-redis.test.ts ${missing}`);

const KEY = { Key: 'standin-voipcube-dev-key' };
const LOGS = '/voipcube/stats/user-statuses?from=2025-09-20T00:00:00Z&to=2025-09-30T23:59:59Z&size=50';

/** Asks the same URL `times` times on fresh connections, so that the workers share the calls. */
async function bodies(origin: string, path: string, times: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < times; i++) {
    const res = await fetch(`${origin}${path}`, { headers: { ...KEY, connection: 'close' } });
    expect(res.status).toBe(200);
    out.push(await res.text());
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(missing !== null)('serve --workers 2 --state redis', () => {
  let redis: RedisServer;
  let cluster: Serving;
  let workerPids: number[];

  beforeAll(async () => {
    redis = await startRedis();
    cluster = await serve([...SMALL, '--workers', '2', '--state', redis.url], {}, 40_000);
    // The primary says which workers answer once both listen.
    for (let i = 0; i < 200 && !/2 workers \(pids/.test(cluster.stderr()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    workerPids = (/2 workers \(pids (\d+), (\d+)\)/.exec(cluster.stderr()) ?? []).slice(1).map(Number);
  }, 60_000);

  afterAll(async () => {
    if (cluster && cluster.child.exitCode === null) cluster.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('prints one banner and names its two workers', () => {
    expect(cluster.banner.filter((line) => line === 'Ctrl-C to stop')).toHaveLength(1);
    expect(workerPids).toHaveLength(2);
    expect(workerPids[0]).not.toBe(workerPids[1]);
  });

  it('answers with the bytes one process gives, from both workers', async () => {
    const single = await serve(SMALL);
    try {
      const [expected] = await bodies(single.origin, LOGS, 1);
      const got = await bodies(cluster.origin, LOGS, 8);
      expect(new Set(got)).toEqual(new Set([expected]));
    } finally {
      single.child.kill('SIGTERM');
      await single.exited;
    }
    const journal = (await (await fetch(`${cluster.origin}/__standin/requests?limit=50`)).json()) as {
      requests: { replica?: string }[];
    };
    const replicas = new Set(journal.requests.map((entry) => entry.replica));
    expect(replicas.size).toBe(2);
  });

  it('a fault rule set through the port holds on every worker', async () => {
    const added = await fetch(`${cluster.origin}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ vendor: 'voipcube', probability: 1, code: 503 }),
    });
    expect(added.status).toBe(201);
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${cluster.origin}${LOGS}`, { headers: { ...KEY, connection: 'close' } });
      expect(res.status).toBe(503);
      await res.arrayBuffer();
    }
    expect((await fetch(`${cluster.origin}/__standin/reset`, { method: 'POST' })).status).toBe(204);
    await bodies(cluster.origin, LOGS, 4);
  });

  it('replaces a worker that dies, and keeps answering', async () => {
    process.kill(workerPids[0]!, 'SIGKILL');
    for (let i = 0; i < 200 && !/starting another/.test(cluster.stderr()); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cluster.stderr()).toContain(`worker ${workerPids[0]} ended (SIGKILL); starting another`);
    await bodies(cluster.origin, LOGS, 4);
  });

  it('stops every worker on SIGTERM to the primary, with status 0', async () => {
    cluster.child.kill('SIGTERM');
    const { code } = await cluster.exited;
    expect(code).toBe(0);
    expect(workerPids.slice(1).filter(alive)).toEqual([]);
  });
});
