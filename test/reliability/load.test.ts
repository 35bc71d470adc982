/**
 * Short load runs in `npm test` (the long soak is bench/soak.ts): a mixed load on all four
 * endpoints answers every request 200; with a server-wide fault rule injecting 503s and delays the
 * other answers stay correct; `Prefer: fault=reset` under load leaks no socket.
 */
import { request as httpRequest } from 'node:http';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, DEV, enneoToken, type Running, startServer } from './helpers.ts';

let running: Running;
let client: ReturnType<typeof createClient>;
let mix: { path: string; headers: Record<string, string> }[];
/** What each request of the mix answers when nothing is injected. */
const expected = new Map<string, string>();

beforeAll(async () => {
  running = await startServer();
  client = createClient(running.port);
  const token = await enneoToken();
  mix = [
    {
      path: '/enneo/api/mind/export/reporting_worklog?limit=20',
      headers: { authorization: `Bearer ${token}` },
    },
    {
      path: '/enneo/api/mind/ticket/10002/worklog',
      headers: { cookie: `connect.sid=${DEV.enneo.sessionId}` },
    },
    {
      path: '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-08',
      headers: { key: DEV.voipcube.key },
    },
    {
      path: '/autozod/api/sessionLogs/list?team_id=1000&start_date=01-09-2025&end_date=07-09-2025',
      headers: { authorization: `Bearer ${DEV.autozod.token}` },
    },
  ];
  for (const m of mix) {
    const res = await client.send({ method: 'GET', ...m });
    expect(res.status).toBe(200);
    expected.set(m.path, res.body.toString());
  }
});
afterAll(async () => {
  client?.close();
  await running?.close();
});

/** Runs autocannon over the mix; `onBody` sees every answer. */
function load(
  opts: { duration?: number; amount?: number; connections: number },
  onBody: (path: string, status: number, body: string) => void = () => {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: running.origin,
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 3 }),
        timeout: 10,
        requests: mix.map((m) => ({
          method: 'GET' as const,
          path: m.path,
          headers: m.headers,
          onResponse: (status: number, body: string) => onBody(m.path, status, body),
        })),
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Waits until the server holds `count` connections (sockets close asynchronously). */
async function connectionsSettleAt(count: number, withinMs = 3_000): Promise<number> {
  const deadline = Date.now() + withinMs;
  let now = -1;
  while (Date.now() < deadline) {
    now = await new Promise<number>((resolve, reject) =>
      running.server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
    );
    if (now === count) return now;
    await new Promise((r) => setTimeout(r, 25));
  }
  return now;
}

describe('a mixed load on all four endpoints', () => {
  it('answers every request 200 with the right body, with no error or timeout (3 s, 8 connections)', async () => {
    let wrong = 0;
    const result = await load({ duration: 3, connections: 8 }, (path, status, body) => {
      if (status !== 200 || body !== expected.get(path)) wrong += 1;
    });
    process.stdout.write(
      `[reliability] mixed load: ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms\n`,
    );
    expect(result.requests.total).toBeGreaterThan(400);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(wrong).toBe(0);
  });
});

describe('faults under load', () => {
  it('a server-wide rule of 10% 503s and delays leaves every other answer correct', async () => {
    const admin = (body: unknown) =>
      client.send({
        method: 'POST',
        path: '/__standin/faults',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await admin({ probability: 0.1, code: 503, seed: 11 })).status).toBe(201);
    expect((await admin({ probability: 0.1, delayMs: 25, seed: 12 })).status).toBe(201);

    const seen = { ok: 0, injected: 0, other: [] as string[] };
    const result = await load({ amount: 2_000, connections: 8 }, (path, status, body) => {
      if (status === 200 && body === expected.get(path)) seen.ok += 1;
      else if (status === 503 && /fault injected: status 503 \(fault rule rule-1\)/.test(body))
        seen.injected += 1;
      else seen.other.push(`${status} ${path} ${body.slice(0, 120)}`);
    });
    await client.send({ method: 'DELETE', path: '/__standin/faults' });

    process.stdout.write(
      `[reliability] faults under load: ${JSON.stringify({ ...seen, other: seen.other.length })}\n`,
    );
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(seen.other).toEqual([]);
    expect(seen.ok + seen.injected).toBe(2_000);
    // Seeded draws: about one in ten, never none, never most.
    expect(seen.injected / 2_000).toBeGreaterThan(0.06);
    expect(seen.injected / 2_000).toBeLessThan(0.14);
  });

  it('Prefer: fault=reset under load drops those connections and leaks no socket', async () => {
    expect(await connectionsSettleAt(1)).toBe(1); // the test's own keep-alive client
    const resets = Array.from(
      { length: 200 },
      () =>
        new Promise<string>((resolve) => {
          const r = httpRequest(
            {
              host: '127.0.0.1',
              port: running.port,
              path: mix[2]!.path,
              headers: { ...mix[2]!.headers, prefer: 'fault=reset' },
              agent: false,
            },
            (res) => resolve(`answered ${res.statusCode}`),
          );
          r.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
          r.end();
        }),
    );
    const [result, outcomes] = await Promise.all([
      load({ duration: 2, connections: 8 }),
      Promise.all(resets),
    ]);
    expect(new Set(outcomes)).toEqual(new Set(['ECONNRESET']));
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(await connectionsSettleAt(1)).toBe(1);
  });
});
