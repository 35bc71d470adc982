/**
 * The journal as CI asserts on it: bodies (bounded, text only, redacted), filters, a count, and a
 * wait for requests still to come; ids that never repeat.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createStandin } from '../../src/core/standin.ts';
import { captureBody, listedBody } from '../../src/http/journal-body.ts';
import { DEV, enneoToken, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const app = (options: { journalBodyLimit?: number } = {}) => createApp({ world: smallWorld(), ...options });
const EXPORT = '/enneo/api/mind/export/reporting_worklog';
const AUTOZOD = '/autozod/api/sessionLogs/list';
type Entry = {
  id: number;
  method: string;
  path: string;
  status: number;
  vendor: string;
  requestBody: unknown;
  responseBody: { contentType: string; size: number; text?: string; truncated?: boolean; omitted?: string };
};
const ids = (requests: Entry[]) => requests.map((r) => r.id);

describe('journal bodies', () => {
  it('keeps the text of a JSON answer, byte for byte, with its type and size', async () => {
    const a = app();
    const res = await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    const [entry] = (await request(a).get('/__standin/requests')).body.requests as Entry[];
    expect(entry!.requestBody).toBeNull();
    expect(entry!.responseBody).toEqual({
      contentType: res.headers['content-type'],
      size: Buffer.byteLength(res.text),
      text: res.text,
    });
  });

  it("keeps a pooled answer's text as sent, after its memory was reused by later answers", async () => {
    const a = app();
    const auth = `Bearer ${await enneoToken()}`;
    const first = await request(a)
      .get(`${EXPORT}?format=json&limit=200`)
      .set('Authorization', auth)
      .expect(200);
    expect(Buffer.byteLength(first.text)).toBeGreaterThan(16 * 1024); // large enough to be pooled
    for (let i = 0; i < 3; i += 1) {
      await request(a)
        .get(`${EXPORT}?format=json&limit=200&offset=${(i + 1) * 7}`)
        .set('Authorization', auth);
    }
    const [entry] = (await request(a).get('/__standin/requests?limit=1')).body.requests as Entry[];
    // The limit is in bytes (names hold non-ASCII letters); a character cut in two shows as U+FFFD.
    expect(entry!.responseBody.text).toBe(
      Buffer.from(first.text)
        .subarray(0, 8 * 1024)
        .toString('utf8'),
    );
    expect(entry!.responseBody.truncated).toBe(Buffer.byteLength(first.text) > 8 * 1024 ? true : undefined);
  });

  it('lists a page as it was sent, whole under a large limit, after the privacy setting changed', async () => {
    const a = app({ journalBodyLimit: 1024 * 1024 });
    const auth = `Bearer ${await enneoToken()}`;
    const sent = await request(a)
      .get(`${EXPORT}?format=json&limit=200`)
      .set('Authorization', auth)
      .expect(200);
    expect(sent.text).toContain('"email"');
    await request(a)
      .put('/__standin/settings')
      .send({ enneo: { reportingPrivacyLevel: 'pseudonymized' } })
      .expect(200);
    const now = await request(a)
      .get(`${EXPORT}?format=json&limit=200`)
      .set('Authorization', auth)
      .expect(200);
    expect(now.text).not.toBe(sent.text);
    const [first, second] = (await request(a).get(`/__standin/requests?path=${EXPORT}`)).body
      .requests as Entry[];
    expect(first!.responseBody).toEqual({
      contentType: sent.headers['content-type'],
      size: Buffer.byteLength(sent.text),
      text: sent.text,
    });
    expect(second!.responseBody.text).toBe(now.text);
  });

  it('cuts a long text answer at the body limit and says so; notes a binary xlsx without its bytes', async () => {
    const a = app({ journalBodyLimit: 100 });
    const auth = `Bearer ${await enneoToken()}`;
    const csv = await request(a).get(`${EXPORT}?format=csv`).set('Authorization', auth).expect(200);
    const xlsx = await request(a)
      .get(`${EXPORT}?format=xlsx`)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const [c, x] = (await request(a).get('/__standin/requests')).body.requests as Entry[];
    expect(c!.responseBody).toEqual({
      contentType: csv.headers['content-type'],
      size: Buffer.byteLength(csv.text),
      text: csv.text.slice(0, 100),
      truncated: true,
    });
    expect(x!.responseBody).toEqual({
      contentType: xlsx.headers['content-type'],
      size: (xlsx.body as Buffer).byteLength,
      omitted: 'binary',
    });
  });

  it('keeps no body text with journalBodyLimit 0, and refuses a limit that cannot work', async () => {
    const a = app({ journalBodyLimit: 0 });
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    const [entry] = (await request(a).get('/__standin/requests')).body.requests as Entry[];
    expect(entry!.responseBody.omitted).toBe('not kept');
    expect(entry!.responseBody.text).toBeUndefined();
    expect(() => app({ journalBodyLimit: -1 })).toThrow(
      'createApp: journalBodyLimit must be a whole number of bytes from 0 to 1048576',
    );
  });

  it('notes a streamed answer without reading it; a request body is kept and redacted', async () => {
    async function* stream() {
      yield new Uint8Array([1]);
    }
    expect(captureBody(stream(), 'application/json', 1000)).toEqual({
      contentType: 'application/json',
      size: null,
      omitted: 'streamed',
    });
    const sent = new TextEncoder().encode(`{"token":"${DEV.autozod.token}"}`);
    const captured = captureBody(sent, 'application/json', 1000)!;
    sent.fill(0); // the journal keeps its own copy: pooled memory is reused after the answer
    const listed = listedBody(captured, (t) => t.replaceAll(DEV.autozod.token, 'stan…(25 chars)'));
    expect(listed).toEqual({
      contentType: 'application/json',
      size: sent.byteLength,
      text: '{"token":"stan…(25 chars)"}',
    });
  });

  it('notes a vendor request body the door did not read; keeps and redacts one it was given', async () => {
    const a = app();
    const sent = JSON.stringify({ token: DEV.autozod.token });
    await request(a).post(AUTOZOD).set('Content-Type', 'application/json').send(sent);
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests[0].requestBody).toEqual({
      contentType: 'application/json',
      size: Buffer.byteLength(sent),
      omitted: 'not read',
    });

    const { createStandin } = await import('../../src/core/standin.ts');
    const s = createStandin({ world: smallWorld() });
    const out = await s.handle({
      method: 'POST',
      path: AUTOZOD,
      query: {},
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode(sent),
    });
    out.done?.(true);
    const [entry] = await s.controls.listRequests();
    expect(JSON.stringify(entry)).not.toContain(DEV.autozod.token);
    expect(entry!.requestBody).toEqual({
      contentType: 'application/json',
      size: Buffer.byteLength(sent),
      text: '{"token":"stan…(25 chars)"}',
    });
  });
});

describe('journal headers and query', () => {
  it("lists each request's own headers and query when requests repeat and differ, and listings are copies", async () => {
    const standin = createStandin({ world: smallWorld() });
    const send = async (trace: string, size: string) => {
      const outcome = await standin.handle({
        method: 'GET',
        path: '/voipcube/stats/user-statuses',
        query: { from: '2025-09-01', to: '2025-09-02', size },
        headers: { key: DEV.voipcube.key, 'x-trace': trace },
      });
      // What a door does once the answer is written: the journal records the request then.
      outcome.done?.(true);
    };
    for (const [trace, size] of [
      ['a', '10'],
      ['a', '10'],
      ['b', '10'],
      ['b', '20'],
      ['a', '10'],
    ] as const) {
      await send(trace, size);
    }
    const listed = await standin.controls.listRequests();
    expect(listed.map((e) => [e.headers['x-trace'], e.query.size])).toEqual([
      ['a', '10'],
      ['a', '10'],
      ['b', '10'],
      ['b', '20'],
      ['a', '10'],
    ]);
    expect(listed[0]!.headers.key).not.toBe(DEV.voipcube.key);
    listed[0]!.headers['x-trace'] = 'changed';
    listed[0]!.query.size = 'changed';
    const again = await standin.controls.listRequests();
    expect(again.map((e) => e.headers['x-trace'])).toEqual(['a', 'a', 'b', 'b', 'a']);
    expect(again.map((e) => e.query.size)).toEqual(['10', '10', '10', '20', '10']);
  });
});

describe('journal filters and count', () => {
  async function traffic() {
    const a = app();
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key); // 1: 200
    await request(a).get(VOIPCUBE_OK); // 2: 401
    await request(a).get(AUTOZOD).set('Authorization', `Bearer ${DEV.autozod.token}`); // 3
    await request(a).head(VOIPCUBE_OK).set('Key', DEV.voipcube.key); // 4: HEAD 200
    await request(a)
      .get(`${EXPORT}?format=json`)
      .set('Authorization', `Bearer ${await enneoToken()}`); // 5
    return a;
  }
  const list = async (a: ReturnType<typeof app>, q: string) =>
    ids((await request(a).get(`/__standin/requests?${q}`).expect(200)).body.requests);
  const count = async (a: ReturnType<typeof app>, q: string) =>
    (await request(a).get(`/__standin/requests/count?${q}`).expect(200)).body;

  it('combines vendor, method, path glob, status, since and limit', async () => {
    const a = await traffic();
    expect(await list(a, 'vendor=voipcube')).toEqual([1, 2, 4]);
    expect(await list(a, 'method=head')).toEqual([4]);
    expect(await list(a, 'path=/voipcube/*')).toEqual([1, 2, 4]);
    expect(await list(a, 'path=*/list')).toEqual([3]);
    expect(await list(a, 'path=/autozod')).toEqual([]);
    expect(await list(a, 'status=200&vendor=voipcube')).toEqual([1, 4]);
    expect(await list(a, 'status=401')).toEqual([2]);
    expect(await list(a, 'since=2')).toEqual([3, 4, 5]);
    expect(await list(a, 'since=2&limit=2')).toEqual([3, 4]);
    expect(await count(a, 'vendor=voipcube&status=200')).toEqual({ count: 2 });
    expect(await count(a, '')).toEqual({ count: 5 });
  });

  it.each([
    ['status=abc', 'status', 'status must be an HTTP status from 100 to 599'],
    ['status=700', 'status', 'status must be an HTTP status from 100 to 599'],
    ['since=-1', 'since', 'since must be a journal id (a whole number from 0)'],
    ['limit=0', 'limit', "limit must be a whole number from 1 to 1000 (the journal's size)"],
    ['limit=1001', 'limit', "limit must be a whole number from 1 to 1000 (the journal's size)"],
    ['method=G%20T', 'method', 'method must be an HTTP method such as GET'],
    [
      'path=voipcube',
      'path',
      'path must be a glob over the full request path, starting with "/" or "*" (at most 2048 characters; * matches any run of characters)',
    ],
    [
      'vendr=voipcube',
      'vendr',
      'unknown parameter "vendr"; this control takes vendor, method, path, status, since, limit',
    ],
    ['since=1&since=2', 'since', 'since must be given once'],
  ])('?%s is a 400 naming %s, on the list and the count', async (q, field, message) => {
    const a = app();
    for (const control of ['/__standin/requests', '/__standin/requests/count']) {
      const res = await request(a).get(`${control}?${q}`).expect(400);
      expect(res.body).toEqual({ code: 'INVALID_PARAMETER', message, field });
    }
  });

  it('ids never repeat within the server life: not after DELETE /requests, not after a reset', async () => {
    const a = app();
    await request(a).get('/autozod/x');
    await request(a).delete('/__standin/requests').expect(204);
    await request(a).get('/autozod/x');
    await request(a).post('/__standin/reset').expect(204);
    await request(a).get('/autozod/x');
    expect(await list(a, '')).toEqual([3]);
  });
});

describe('GET /__standin/requests/wait', () => {
  it('answers at once when enough matching requests are already there', async () => {
    const a = app();
    await request(a).get('/autozod/x');
    const res = await request(a).get('/__standin/requests/wait?count=1&vendor=autozod').expect(200);
    expect(res.body.count).toBe(1);
    expect(ids(res.body.requests)).toEqual([1]);
  });

  it('answers once N matching requests have arrived, ignoring the others', async () => {
    const a = app();
    await request(a).get('/autozod/x'); // before: `since` leaves it out
    const waiting = request(a).get(
      '/__standin/requests/wait?since=1&vendor=voipcube&count=2&timeoutMs=10000',
    );
    const answer = waiting.then((r) => r);
    await new Promise((r) => setTimeout(r, 20));
    await request(a).get('/autozod/x');
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
    await request(a).get(VOIPCUBE_OK);
    const res = await answer;
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect((res.body.requests as Entry[]).map((r) => [r.id, r.vendor, r.status])).toEqual([
      [3, 'voipcube', 200],
      [4, 'voipcube', 401],
    ]);
  });

  it('is a 408 at the timeout, with what did arrive', async () => {
    const a = app();
    await request(a).get('/autozod/x');
    const res = await request(a).get('/__standin/requests/wait?count=2&timeoutMs=30').expect(408);
    expect(res.body).toMatchObject({
      code: 'TIMEOUT',
      message: '1 of 2 matching requests arrived within 30 ms',
      count: 1,
    });
    expect(ids(res.body.requests)).toEqual([1]);
  });

  it.each([
    ['', 'count', 'count must be a whole number of requests from 1 to 100000'],
    ['count=0', 'count', 'count must be a whole number of requests from 1 to 100000'],
    ['count=x', 'count', 'count must be a whole number of requests from 1 to 100000'],
    [
      'count=1&timeoutMs=60001',
      'timeoutMs',
      'timeoutMs must be a whole number of milliseconds from 0 to 60000',
    ],
    ['count=1&timeoutMs=-5', 'timeoutMs', 'timeoutMs must be a whole number of milliseconds from 0 to 60000'],
    ['count=1&vendor=acme', 'vendor', 'vendor must be one of enneo, voipcube, autozod'],
  ])('?%s is a 400 naming %s', async (q, field, message) => {
    const res = await request(app()).get(`/__standin/requests/wait?${q}`).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', message, field });
  });

  it('is a typed method in-process too', async () => {
    const { createStandin } = await import('../../src/core/standin.ts');
    const s = createStandin({ world: smallWorld() });
    const waiting = s.controls.waitForRequests({ count: 1, path: '/voipcube/*', timeoutMs: 10_000 });
    // The door tells the core when the answer is over; only then is a request journaled.
    (await s.handle({ method: 'GET', path: '/voipcube/stats/user-statuses', query: {}, headers: {} })).done?.(
      true,
    );
    const result = await waiting;
    expect(result.arrived).toBe(true);
    expect(result.requests.map((r) => [r.id, r.status])).toEqual([[1, 401]]);
    expect(await s.controls.countRequests({ status: 401 })).toBe(1);
    await expect(s.controls.listRequests({ limit: 0 })).rejects.toMatchObject({
      field: 'limit',
      status: 400,
    });
  });
});

describe('the journal controls through the fetch door', () => {
  it('waits, counts and lists with bodies, over HTTP-shaped requests and as methods', async () => {
    const { createFetchHandler } = await import('../../src/fetch.ts');
    const handle = createFetchHandler({ world: smallWorld() });
    const waiting = handle(
      new Request('http://standin.test/__standin/requests/wait?count=1&status=200&timeoutMs=10000'),
    );
    const answer = await handle(
      new Request(`http://standin.test${VOIPCUBE_OK}`, { headers: { Key: DEV.voipcube.key } }),
    );
    const text = await answer.text();
    const res = await waiting;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; requests: Entry[] };
    expect(body.count).toBe(1);
    expect(body.requests[0]!.responseBody.text).toBe(text);
    expect(await handle.controls.countRequests({ vendor: 'voipcube', method: 'get' })).toBe(1);
    const timedOut = await handle.controls.waitForRequests({ count: 2, timeoutMs: 0 });
    expect([timedOut.arrived, timedOut.count]).toEqual([false, 1]);
  });
});
