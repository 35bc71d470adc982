/**
 * Redis stopped mid-run (issue 19): the controls answer 503 naming the state backend, vendor
 * requests keep being answered from the last state each replica loaded (their journal entries are
 * dropped and counted), and once Redis is back — empty, as after a restart without persistence —
 * the replicas reconnect and write their state back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { type RedisServer, redisMissing, startRedis } from '../support/redis.ts';

const missing = redisMissing();
if (missing) console.warn(`test/state/redis-down.test.ts ${missing}`);

const SIZE = { agents: 3, days: 40, tickets: 20 } as const;
const STATUSES = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02';
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const statuses = (server: RunningServer) =>
  fetch(`${server.url}${STATUSES}`, { headers: { Key: 'standin-voipcube-dev-key' } });

interface Health {
  state: { available: boolean; droppedJournalEntries: number; error?: string };
}
const health = async (server: RunningServer) =>
  (await (await fetch(`${server.url}/__standin/health`)).json()) as Health;

/** Waits (up to 10 s) until the replica sees Redis as `available`; the client reconnects on its own. */
async function until(server: RunningServer, available: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await health(server)).state.available !== available) {
    if (Date.now() > deadline) throw new Error(`health never said available: ${available}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(missing !== null)('Redis stopped mid-run', () => {
  let redis: RedisServer;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    redis = await startRedis();
    a = await startServer({ ...SIZE, state: redis.url, replicaName: 'a' });
    b = await startServer({ ...SIZE, state: redis.url, replicaName: 'b' });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('controls answer 503; vendor answers go on from the last state; Redis back, the state is written back', async () => {
    const stub = { vendor: 'voipcube', path: '/stats/user-statuses', response: { status: 418 } };
    expect((await fetch(`${a.url}/__standin/stubs`, json('POST', stub))).status).toBe(201);
    const put = await fetch(
      `${a.url}/__standin/settings`,
      json('PUT', { enneo: { defaultDateExportFormat: 'csv' } }),
    );
    expect(put.status).toBe(200);
    expect((await statuses(b)).status).toBe(418);
    // Journaled before Redis stops, so that the only entries dropped are those of the outage.
    expect((await fetch(`${a.url}/__standin/requests/wait?count=1`)).status).toBe(200);

    await redis.stop();
    await until(a, false);
    await until(b, false);

    const refused = await fetch(
      `${a.url}/__standin/settings`,
      json('PUT', { enneo: { defaultDateExportFormat: 'json' } }),
    );
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { code: string; message: string };
    expect(body.code).toBe('STATE_UNAVAILABLE');
    expect(body.message).toContain(`the shared state (redis at ${redis.url}) cannot be reached`);
    for (const path of ['/settings', '/faults', '/stubs', '/requests']) {
      expect((await fetch(`${b.url}/__standin${path}`)).status).toBe(503);
    }
    expect((await fetch(`${b.url}/__standin/reset`, { method: 'POST' })).status).toBe(503);

    // The stub B last saw still answers, and so does the world behind it.
    expect((await statuses(b)).status).toBe(418);
    expect((await statuses(a)).status).toBe(418);
    const down = await health(b);
    expect(down.state).toMatchObject({ available: false, droppedJournalEntries: 1 });
    expect(down.state.error).toEqual(expect.any(String));

    await redis.restart();
    await until(a, true);
    await until(b, true);
    // The first replica to notice the empty Redis writes its state back: nothing set was lost.
    expect(await (await fetch(`${b.url}/__standin/settings`)).json()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'csv' },
    });
    const after = await fetch(
      `${a.url}/__standin/settings`,
      json('PUT', { enneo: { defaultDateExportFormat: 'json' } }),
    );
    expect(after.status).toBe(200);
    expect((await (await fetch(`${b.url}/__standin/settings`)).json()) as object).toMatchObject({
      enneo: { defaultDateExportFormat: 'json' },
    });
    expect((await statuses(b)).status).toBe(418);
    const wait = await fetch(`${a.url}/__standin/requests/wait?count=1&timeoutMs=5000`);
    expect(wait.status).toBe(200);
    const { requests } = (await wait.json()) as { requests: { replica: string; status: number }[] };
    expect(requests.map((e) => [e.replica, e.status])).toEqual([['b', 418]]);
  });
});
