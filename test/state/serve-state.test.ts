/**
 * `standin serve --state` as its own process beside an in-process replica on one real Redis:
 * the flag as a user passes it, the env variable, and the start-up refusal of another world.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { run, type Serving, SMALL, serve } from '../cli/helpers.ts';
import { freePort, type RedisServer, redisMissing, startRedis } from '../support/redis.ts';

const missing = redisMissing();
if (missing) console.warn(`test/state/serve-state.test.ts ${missing}`);

/** SMALL as startServer takes it. */
const SIZE = { agents: 2, days: 10, tickets: 10 } as const;

describe.skipIf(missing !== null)('serve --state', () => {
  let redis: RedisServer;
  let inProcess: RunningServer;
  let spawned: Serving;

  beforeAll(async () => {
    redis = await startRedis();
    inProcess = await startServer({ ...SIZE, state: redis.url, replicaName: 'in-process' });
    spawned = await serve([...SMALL, '--replica-name', 'spawned'], { STANDIN_STATE: redis.url });
  });
  afterAll(async () => {
    spawned?.child.kill('SIGTERM');
    await spawned?.exited;
    await inProcess?.close();
    await redis?.stop();
  });

  it('a fault rule set on the in-process replica answers on the spawned one, whose request is journaled with its name', async () => {
    const rule = { vendor: 'autozod', probability: 1, code: 429, retryAfter: 7 };
    const added = await fetch(`${inProcess.url}/__standin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(added.status).toBe(201);
    const res = await fetch(`${spawned.origin}/autozod/api/sessionLogs/list`);
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '7']);
    const wait = await fetch(`${inProcess.url}/__standin/requests/wait?count=1&vendor=autozod`);
    const { requests } = (await wait.json()) as {
      requests: { replica: string; status: number; path: string }[];
    };
    expect(requests.map((e) => [e.replica, e.status, e.path])).toEqual([
      ['spawned', 429, '/autozod/api/sessionLogs/list'],
    ]);
    expect(spawned.stderr()).toContain(`shared state: ${redis.url} (this replica: spawned)`);
  });

  it('another seed on the same state stops the start with one line naming both worlds, exit 2', async () => {
    const refused = await run(['serve', '--port', '0', ...SMALL, '--seed', '7', '--state', redis.url]);
    expect(refused.code).toBe(2);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /--state: .* holds the state of another world: this replica serves seed=7 .*made for seed=42 /,
    );
  });

  it('a Redis nobody answers at stops the start with one line saying why, exit 2', async () => {
    const port = await freePort();
    const refused = await run(['serve', '--port', '0', ...SMALL, '--state', `redis://127.0.0.1:${port}`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `--state: cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
    ]);
  });

  it('a --state that is no Redis URL is refused before anything starts', async () => {
    const refused = await run(['serve', '--state', 'http://localhost:6379']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--state must start with redis:// or rediss://');
  });
});
