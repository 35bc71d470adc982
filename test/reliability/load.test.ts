/**
 * Correctness under concurrent load, in `npm test` (speed is measured in bench/, never here): a
 * fixed number of requests over 8 connections on all four endpoints each get the right answer;
 * with a server-wide fault rule injecting 503s and delays the other answers stay correct;
 * `Prefer: fault=reset` under load leaks no socket. `npm run test:deep` sends ten times as many.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEEP } from '../support/depth.ts';
import { createClient, DEV, enneoToken, type Running, startServer } from './helpers.ts';

/** Requests per load run: enough for every connection to interleave every endpoint many times. */
const AMOUNT = DEEP ? 20_000 : 2_000;

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

/** What a load run saw besides the answers it handed to `onAnswer`. */
interface LoadResult {
  /** Connections the server dropped instead of answering. */
  dropped: string[];
}

/**
 * Sends `amount` requests of the mix, round robin, over `connections` keep-alive connections each
 * kept busy; `onAnswer` sees every answer. A fixed count, not a duration: what is asserted is
 * that each answer is right, never how many fit in a second.
 */
async function load(
  opts: { amount: number; connections: number },
  onAnswer: (path: string, status: number, body: string) => void = () => {},
): Promise<LoadResult> {
  const pool = createClient(running.port, opts.connections);
  const dropped: string[] = [];
  let next = 0;
  const connection = async () => {
    while (next < opts.amount) {
      const m = mix[next++ % mix.length]!;
      const res = await pool.send({ method: 'GET', ...m });
      if (res.dropped) dropped.push(`${m.path}: ${res.dropped}`);
      else onAnswer(m.path, res.status, res.body.toString());
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.connections }, connection));
  } finally {
    pool.close();
  }
  return { dropped };
}

/**
 * Waits until the server holds at most `count` connections (sockets close asynchronously);
 * resolves with how many it holds then, or at the deadline.
 */
async function connectionsSettleAtMost(count: number, withinMs = 3_000): Promise<number> {
  const deadline = Date.now() + withinMs;
  let now = -1;
  while (Date.now() < deadline) {
    now = await new Promise<number>((resolve, reject) =>
      running.server.getConnections((err, n) => (err ? reject(err) : resolve(n))),
    );
    if (now <= count) return now;
    await new Promise((r) => setTimeout(r, 25));
  }
  return now;
}

describe('a mixed load on all four endpoints', () => {
  it(`answers every one of ${AMOUNT} requests 200 with the right body, with no error or timeout (8 connections)`, async () => {
    let right = 0;
    const wrong: string[] = [];
    const result = await load({ amount: AMOUNT, connections: 8 }, (path, status, body) => {
      if (status === 200 && body === expected.get(path)) right += 1;
      else wrong.push(`${status} ${path} ${body.slice(0, 120)}`);
    });
    expect(result.dropped).toEqual([]);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(right).toBe(AMOUNT);
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
    const result = await load({ amount: AMOUNT, connections: 8 }, (path, status, body) => {
      if (status === 200 && body === expected.get(path)) seen.ok += 1;
      else if (status === 503 && /fault injected: status 503 \(fault rule rule-1\)/.test(body))
        seen.injected += 1;
      else seen.other.push(`${status} ${path} ${body.slice(0, 120)}`);
    });
    await client.send({ method: 'DELETE', path: '/__standin/faults' });

    process.stdout.write(
      `[reliability] faults under load: ${JSON.stringify({ ...seen, other: seen.other.length })}\n`,
    );
    expect(result.dropped).toEqual([]);
    expect(seen.other).toEqual([]);
    expect(seen.ok + seen.injected).toBe(AMOUNT);
    // Seeded draws: about one in ten, never none, never most.
    expect(seen.injected / AMOUNT).toBeGreaterThan(0.06);
    expect(seen.injected / AMOUNT).toBeLessThan(0.14);
  });

  it('Prefer: fault=reset under load drops those connections and leaks no socket', async () => {
    // At most the test's own keep-alive client (a slow machine may let its idle socket time out).
    expect(await connectionsSettleAtMost(1)).toBeLessThanOrEqual(1);
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
    const wrong: string[] = [];
    const [result, outcomes] = await Promise.all([
      load({ amount: AMOUNT, connections: 8 }, (path, status, body) => {
        if (status !== 200 || body !== expected.get(path))
          wrong.push(`${status} ${path} ${body.slice(0, 120)}`);
      }),
      Promise.all(resets),
    ]);
    expect(new Set(outcomes)).toEqual(new Set(['ECONNRESET']));
    // The resets touch only their own connections: the load's answers are all whole and right.
    expect(result.dropped).toEqual([]);
    expect(wrong.slice(0, 5)).toEqual([]);
    // Every reset socket and every connection of the load is gone again.
    expect(await connectionsSettleAtMost(1)).toBeLessThanOrEqual(1);
  });
});
