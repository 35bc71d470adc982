/**
 * Two replicas on one real Redis (issue 19): a control change through either is in force on the
 * other by the time the control answers; the journal is one, naming each replica; reset from
 * either clears both; a seeded fault rule gives the same sequence over two replicas as over one.
 */
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/api/server.ts';
import { createApp } from '../../src/app.ts';
import { clientCredentials, resolveCredentials } from '../../src/http/dev-credentials.ts';
import { generateWorld } from '../../src/world/index.ts';
import { type RedisServer, redisMissing, startRedis } from '../support/redis.ts';

const missing = redisMissing();
if (missing) console.warn(`test/state/shared-state.test.ts ${missing}`);

const SIZE = { agents: 3, days: 40, tickets: 20 } as const;
const KEY = 'standin-voipcube-dev-key';
const STATUSES = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02';

const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const statuses = (server: RunningServer) => fetch(`${server.url}${STATUSES}`, { headers: { Key: KEY } });
const requests = async (server: RunningServer, query = '') =>
  (
    (await (await fetch(`${server.url}/__standin/requests${query}`)).json()) as {
      requests: { replica?: string; id: number; status: number }[];
    }
  ).requests;

describe.skipIf(missing !== null)('replicas sharing one Redis', () => {
  let redis: RedisServer;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    redis = await startRedis();
    a = await startServer({ ...SIZE, state: redis.url, replicaName: 'replica-a' });
    b = await startServer({ ...SIZE, state: redis.url, replicaName: 'replica-b' });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });
  beforeEach(async () => {
    const reset = await fetch(`${a.url}/__standin/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
  });

  it('a setting put through A holds on B: the next export through B is pseudonymized', async () => {
    const token = (await clientCredentials(resolveCredentials({}))).enneo.token;
    const url =
      '/enneo/api/mind/export/reporting_worklog?orderByField=duration&orderByDirection=desc&limit=1&offset=0';
    const get = async (server: RunningServer) =>
      (
        (await (
          await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } })
        ).json()) as {
          name: string;
        }[]
      )[0]!.name;
    const plain = await get(b);
    const put = await fetch(
      `${a.url}/__standin/settings`,
      json('PUT', { enneo: { reportingPrivacyLevel: 'pseudonymized' } }),
    );
    expect(put.status).toBe(200);
    expect(await get(b)).not.toBe(plain);
    expect(await (await fetch(`${b.url}/__standin/settings`)).json()).toEqual({
      enneo: { reportingPrivacyLevel: 'pseudonymized', defaultDateExportFormat: 'json' },
    });
  });

  it('a fault rule added through A answers on B; removed through B, it is gone on A', async () => {
    const added = await fetch(
      `${a.url}/__standin/faults`,
      json('POST', { vendor: 'voipcube', probability: 1, code: 503 }),
    );
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    const faulted = await statuses(b);
    expect([faulted.status, faulted.headers.get('retry-after')]).toEqual([503, '1']);
    expect((await fetch(`${b.url}/__standin/faults/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await statuses(a)).status).toBe(200);
    expect(await (await fetch(`${a.url}/__standin/faults`)).json()).toEqual({ rules: [] });
  });

  it('a stub added through A answers on B, and a stub with times: 1 answers once across both', async () => {
    const stub = {
      vendor: 'voipcube',
      path: '/stats/user-statuses',
      times: 1,
      response: { status: 418, body: { stubbed: true } },
    };
    const created = await fetch(`${a.url}/__standin/stubs`, json('POST', stub));
    expect(created.status).toBe(201);
    const first = await statuses(b);
    expect([first.status, first.headers.get('standin-stubbed'), await first.json()]).toEqual([
      418,
      'stub-1',
      { stubbed: true },
    ]);
    const second = await statuses(a);
    expect([second.status, second.headers.get('standin-stubbed')]).toEqual([200, null]);
    const listed = (await (await fetch(`${a.url}/__standin/stubs`)).json()) as {
      stubs: { answered: number }[];
    };
    expect(listed.stubs.map((s) => s.answered)).toEqual([1]);
  });

  it('of ten requests at once through both replicas, a stub with times: 1 answers exactly one', async () => {
    const stub = { vendor: 'voipcube', path: '/stats/user-statuses', times: 1, response: { status: 418 } };
    expect((await fetch(`${b.url}/__standin/stubs`, json('POST', stub))).status).toBe(201);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => statuses(i % 2 === 0 ? a : b)));
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(9).fill(200), 418]);
  });

  it('data overrides added through A are served by B, and removed through B they are gone on A', async () => {
    const USER = '1b4e28ba-2ca1-4a5e-9b1c-2f1d3c4b5a69';
    const rows = [{ status: 'Shared row', userId: USER, time: '2025-09-01T12:00:00.000Z' }];
    const added = await fetch(
      `${a.url}/__standin/stubs`,
      json('POST', { vendor: 'voipcube', dataset: 'userStatuses', rows }),
    );
    expect(added.status).toBe(201);
    expect(await (await statuses(b)).json()).toEqual(rows);
    const { id } = (await added.json()) as { id: string };
    expect((await fetch(`${b.url}/__standin/stubs/${id}`, { method: 'DELETE' })).status).toBe(204);
    const world = (await (await statuses(a)).json()) as unknown[];
    expect(world).not.toContainEqual(rows[0]);
    expect(world.length).toBeGreaterThan(0);
  });

  it('a scenario set through B moves the stubs on A', async () => {
    for (const [state, status] of [
      ['Started', 201],
      ['broken', 202],
    ] as const) {
      const stub = {
        vendor: 'voipcube',
        path: '/stats/user-statuses',
        scenario: 'flaky',
        requiredState: state,
        response: { status },
      };
      expect((await fetch(`${a.url}/__standin/stubs`, json('POST', stub))).status).toBe(201);
    }
    expect((await statuses(a)).status).toBe(201);
    expect((await fetch(`${b.url}/__standin/scenarios/flaky`, json('PUT', { state: 'broken' }))).status).toBe(
      200,
    );
    expect((await statuses(a)).status).toBe(202);
  });

  it("the journal holds both replicas' requests, each naming its replica, in one id order", async () => {
    expect((await statuses(a)).status).toBe(200);
    expect((await statuses(b)).status).toBe(200);
    expect((await statuses(a)).status).toBe(200);
    const wait = await fetch(`${b.url}/__standin/requests/wait?count=3&timeoutMs=5000`);
    expect(wait.status).toBe(200);
    const listed = await requests(b);
    expect(listed.map((e) => e.replica)).toEqual(['replica-a', 'replica-b', 'replica-a']);
    const ids = listed.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(await requests(a, `?since=${ids[0]}`)).toHaveLength(2);
    expect(await (await fetch(`${a.url}/__standin/requests/count?vendor=voipcube`)).json()).toEqual({
      count: 3,
    });
  });

  it('a journal entry lists as in-process: the same fields, bodies as redacted text, the replica last', async () => {
    const single = createApp({ world: generateWorld({ size: SIZE }) });
    await request(single).get(STATUSES).set('Key', KEY).expect(200);
    const [alone] = (await request(single).get('/__standin/requests').expect(200)).body.requests as Record<
      string,
      unknown
    >[];
    expect((await statuses(b)).status).toBe(200);
    await fetch(`${a.url}/__standin/requests/wait?count=1`);
    const [shared] = (await requests(a)) as unknown as Record<string, unknown>[];
    expect(Object.keys(shared!)).toEqual([...Object.keys(alone!), 'replica']);
    for (const field of ['vendor', 'method', 'path', 'query', 'status', 'requestBody', 'responseBody']) {
      expect(shared![field]).toEqual(alone![field]);
    }
    expect((shared!.responseBody as { text: string }).text.length).toBeGreaterThan(0);
    expect((shared!.headers as Record<string, string>).key).toBe('stan…(24 chars)');
  });

  it('an export page (whose body in-process is made again only when listed) lists its bytes as in-process', async () => {
    const token = (await clientCredentials(resolveCredentials({}))).enneo.token;
    const page = '/enneo/api/mind/export/reporting_worklog?limit=5';
    const single = createApp({ world: generateWorld({ size: SIZE }) });
    const answered = await request(single).get(page).set('Authorization', `Bearer ${token}`).expect(200);
    const [alone] = (await request(single).get('/__standin/requests').expect(200)).body.requests as {
      responseBody: { text: string; size: number };
    }[];
    expect(alone!.responseBody.text).toBe(answered.text);
    const res = await fetch(`${b.url}${page}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.text()).toBe(answered.text);
    const [shared] = (await requests(a)) as unknown as { responseBody: unknown }[];
    expect(shared!.responseBody).toEqual(alone!.responseBody);
  });

  it('a wait on A for requests still to come settles when they arrive through B', async () => {
    const waiting = fetch(`${a.url}/__standin/requests/wait?count=2&vendor=voipcube&timeoutMs=10000`);
    // Requests through B count whether they land before or after A first reads the journal.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await statuses(b)).status).toBe(200);
    expect((await statuses(b)).status).toBe(200);
    const done = await waiting;
    expect(done.status).toBe(200);
    const body = (await done.json()) as { count: number; requests: { replica: string }[] };
    expect([body.count, body.requests.map((e) => e.replica)]).toEqual([2, ['replica-b', 'replica-b']]);
    expect((await fetch(`${b.url}/__standin/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(await requests(a)).toEqual([]);
  });

  it('changes made at the same time through both replicas are all kept, each with its own id', async () => {
    const adds = Array.from({ length: 12 }, (_, i) =>
      fetch(
        `${i % 2 === 0 ? a.url : b.url}/__standin/faults`,
        json('POST', { probability: 0, code: 500 + i }),
      ),
    );
    const answers = await Promise.all(adds);
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(201));
    const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(12);
    const listed = (await (await fetch(`${b.url}/__standin/faults`)).json()) as {
      rules: { id: string; code: number }[];
    };
    expect(listed.rules.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(listed.rules.map((r) => r.code).sort()).toEqual(Array.from({ length: 12 }, (_, i) => 500 + i));
  });

  it('reset from B clears settings, fault rules, stubs and the journal for A too', async () => {
    await fetch(`${a.url}/__standin/settings`, json('PUT', { enneo: { defaultDateExportFormat: 'csv' } }));
    await fetch(`${a.url}/__standin/faults`, json('POST', { probability: 1, delayMs: 1 }));
    await fetch(
      `${a.url}/__standin/stubs`,
      json('POST', { vendor: 'autozod', path: '/x', response: { status: 200 } }),
    );
    await statuses(a);
    await fetch(`${a.url}/__standin/requests/wait?count=1`);
    expect((await fetch(`${b.url}/__standin/reset`, { method: 'POST' })).status).toBe(204);
    expect(await (await fetch(`${a.url}/__standin/settings`)).json()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' },
    });
    expect(await (await fetch(`${a.url}/__standin/faults`)).json()).toEqual({ rules: [] });
    expect(await (await fetch(`${a.url}/__standin/stubs`)).json()).toEqual({ stubs: [] });
    expect(await requests(a)).toEqual([]);
  });

  it('a refused change changes nothing anywhere and names the field, as in-process', async () => {
    const res = await fetch(
      `${a.url}/__standin/settings`,
      json('PUT', { enneo: { reportingPrivacyLevel: 'loud' } }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_PARAMETER',
      field: 'enneo.reportingPrivacyLevel',
    });
    expect(await (await fetch(`${b.url}/__standin/settings`)).json()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' },
    });
  });

  it('a seeded fault rule gives the same sequence over two replicas as over one process', async () => {
    const rule = { vendor: 'voipcube', probability: 0.5, code: 503, seed: 1234 };
    const single = createApp({ world: generateWorld({ size: SIZE }) });
    await request(single).post('/__standin/faults').send(rule).expect(201);
    const alone: number[] = [];
    for (let i = 0; i < 24; i += 1) alone.push((await request(single).get(STATUSES).set('Key', KEY)).status);
    expect(new Set(alone)).toEqual(new Set([200, 503]));

    expect((await fetch(`${a.url}/__standin/faults`, json('POST', rule))).status).toBe(201);
    const shared: number[] = [];
    for (let i = 0; i < 24; i += 1) shared.push((await statuses(i % 3 === 0 ? a : b)).status);
    expect(shared).toEqual(alone);
  });

  it('health names the backend, the replica and that Redis answers', async () => {
    const health = (await (await fetch(`${b.url}/__standin/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({
      status: 'ok',
      state: {
        backend: 'redis',
        url: redis.url,
        replica: 'replica-b',
        available: true,
        droppedJournalEntries: 0,
      },
    });
  });

  it('a replica with another seed refuses to share the state, naming both worlds', async () => {
    await expect(startServer({ ...SIZE, seed: 7, state: redis.url })).rejects.toThrow(
      /holds the state of another world: this replica serves seed=7 .*the state was made for seed=42 /,
    );
  });
});
