import { createServer, request as httpRequest, type Server } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, listenOnLoopback, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const app = (faultSeed?: number) =>
  createApp({ world: smallWorld(), ...(faultSeed !== undefined ? { faultSeed } : {}) });
const voipcube = (a: ReturnType<typeof app>) => request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
const AUTOZOD = '/autozod/api/sessionLogs/list';

describe('Prefer: code=NNN', () => {
  it('answers that status with the vendor-shaped body, before auth is even checked', async () => {
    const a = app();
    const res = await request(a).get(VOIPCUBE_OK).set('Prefer', 'code=503').expect(503);
    expect(res.body).toEqual({
      message: 'fault injected: status 503 (asked for with the Prefer header)',
      code: 'INJECTED_FAULT',
    });
    expect(res.headers['preference-applied']).toBe('code=503');

    const enneo = await request(a).get('/enneo/api/mind/export/reporting_worklog').set('Prefer', 'code=429');
    expect(enneo.status).toBe(429);
    expect(enneo.body).toMatchObject({ success: false, code: 'INJECTED_FAULT' });

    const autozod = await request(a).get(AUTOZOD).set('Prefer', 'code=500');
    expect(autozod.status).toBe(500);
    expect(autozod.body).toMatchObject({ success: false, code: 'INJECTED_FAULT' });
  });

  it('a 429 or 503 asked for carries Retry-After: the retry-after asked for, else 1', async () => {
    const a = app();
    const asked = await voipcube(a).set('Prefer', 'code=429, retry-after=2').expect(429);
    expect(asked.headers['retry-after']).toBe('2');
    expect(asked.headers['preference-applied']).toBe('code=429, retry-after=2');
    expect((await voipcube(a).set('Prefer', 'code=503').expect(503)).headers['retry-after']).toBe('1');
    expect((await voipcube(a).set('Prefer', 'code=502').expect(502)).headers['retry-after']).toBeUndefined();
  });

  it('ignores preferences it does not know (return=minimal, Prism example=)', async () => {
    await voipcube(app()).set('Prefer', 'return=minimal, example=foo').expect(200);
  });

  it('counts a preference given twice once, the first time (RFC 7240)', async () => {
    await voipcube(app()).set('Prefer', 'code=502, code=504').expect(502);
  });

  it.each([
    ['code=200', 'Prefer code must be an HTTP error status from 400 to 599, got "200"'],
    ['code=abc', 'Prefer code must be an HTTP error status from 400 to 599, got "abc"'],
    ['delay=-5', 'Prefer delay must be a whole number of milliseconds from 0 to 60000, got "-5"'],
    ['delay=60001', 'Prefer delay must be a whole number of milliseconds from 0 to 60000, got "60001"'],
    ['fault=explode', 'Prefer fault must be reset, got "explode"'],
    [
      'code=429, retry-after=soon',
      'Prefer retry-after must be a whole number of seconds from 0 to 86400, got "soon"',
    ],
    [
      'code=429, retry-after=86401',
      'Prefer retry-after must be a whole number of seconds from 0 to 86400, got "86401"',
    ],
    [
      'code=500, retry-after=2',
      'Prefer retry-after needs code=429 or code=503 (only those carry Retry-After)',
    ],
    ['retry-after=2', 'Prefer retry-after needs code=429 or code=503 (only those carry Retry-After)'],
    ['fault=reset, code=503', 'Prefer fault=reset drops the connection, so it cannot be combined with code'],
  ])('a bad Prefer (%s) is a vendor-shaped 400 naming Prefer', async (prefer, message) => {
    const res = await voipcube(app()).set('Prefer', prefer).expect(400);
    expect(res.body).toEqual({ message, code: 'INVALID_PARAMETER', parameter: 'Prefer' });
  });
});

describe('Prefer: delay=MS', () => {
  it('delays the normal answer by at least that long', async () => {
    const started = performance.now();
    const res = await voipcube(app()).set('Prefer', 'delay=150').expect(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.headers['preference-applied']).toBe('delay=150');
  });

  it('combines with code as Prism does: Prefer: code=503, delay=100', async () => {
    const started = performance.now();
    const res = await voipcube(app()).set('Prefer', 'code=503, delay=100').expect(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(res.body.code).toBe('INJECTED_FAULT');
    expect(res.headers['preference-applied']).toBe('code=503, delay=100');
  });

  it('is recorded in the journal with its duration', async () => {
    const a = app();
    await voipcube(a).set('Prefer', 'delay=120').expect(200);
    const [entry] = (await request(a).get('/__standin/requests')).body.requests;
    expect(entry.status).toBe(200);
    expect(entry.durationMs).toBeGreaterThanOrEqual(115);
  });
});

describe('Prefer: fault=reset (over a real socket)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** Sends one request and reports how it ended: a status, or the socket error. */
  function call(base: string, path: string, headers: Record<string, string>): Promise<string> {
    return new Promise((resolve) => {
      const req = httpRequest(`${base}${path}`, { headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(`status ${res.statusCode}`));
      });
      req.on('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code}`));
      req.end();
    });
  }

  it('drops the connection: the client sees ECONNRESET and no response; the journal shows status null', async () => {
    const a = app();
    server = createServer(a);
    const base = await listenOnLoopback(server);
    expect(await call(base, VOIPCUBE_OK, { Key: DEV.voipcube.key, Prefer: 'fault=reset' })).toBe(
      'error ECONNRESET',
    );
    expect(await call(base, VOIPCUBE_OK, { Key: DEV.voipcube.key, Prefer: 'delay=50, fault=reset' })).toBe(
      'error ECONNRESET',
    );
    // The server carries on.
    expect(await call(base, VOIPCUBE_OK, { Key: DEV.voipcube.key })).toBe('status 200');
    const journal = await request(a).get('/__standin/requests').expect(200);
    expect(journal.body.requests.map((r: { status: number | null }) => r.status)).toEqual([null, null, 200]);
  });

  it('a rule with reset: true drops connections too', async () => {
    const a = app();
    server = createServer(a);
    const base = await listenOnLoopback(server);
    await request(a).post('/__standin/faults').send({ probability: 1, reset: true }).expect(201);
    expect(await call(base, VOIPCUBE_OK, { Key: DEV.voipcube.key })).toBe('error ECONNRESET');
  });
});

describe('server-wide rules: POST /__standin/faults', () => {
  it('probability 1 faults every matching request, with the vendor-shaped body', async () => {
    const a = app();
    const created = await request(a)
      .post('/__standin/faults')
      .send({ probability: 1, code: 503 })
      .expect(201);
    expect(created.body).toEqual({
      id: 'rule-1',
      vendor: null,
      path: null,
      probability: 1,
      code: 503,
      delayMs: null,
      reset: false,
      retryAfter: null,
      seed: 0,
    });
    for (let i = 0; i < 5; i += 1) {
      const res = await voipcube(a).expect(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toEqual({
        message: 'fault injected: status 503 (fault rule rule-1)',
        code: 'INJECTED_FAULT',
      });
    }
    // Controls and docs are never faulted.
    await request(a).get('/__standin/health').expect(200);
    await request(a).get('/voipcube/openapi.json').expect(200);
  });

  it('probability 0 never faults', async () => {
    const a = app();
    await request(a).post('/__standin/faults').send({ probability: 0, code: 500 }).expect(201);
    for (let i = 0; i < 20; i += 1) await voipcube(a).expect(200);
  });

  it('applies only to the vendor and path it names (* matches any run of characters)', async () => {
    const a = app();
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'voipcube', path: '/voipcube/stats/*', probability: 1, code: 502 })
      .expect(201);
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'enneo', probability: 1, code: 504 })
      .expect(201);
    await voipcube(a).expect(502);
    await request(a).get(AUTOZOD).set('Authorization', `Bearer ${DEV.autozod.token}`).expect(400);
    await request(a).get('/enneo/api/mind/export/reporting_worklog').expect(504);
  });

  it('accepts paths that can reach the vendor: full, a star standing for the base, or a star after the first slash', async () => {
    const a = app();
    for (const [vendor, path] of [
      ['autozod', '/autozod/api/sessionLogs/list'],
      ['autozod', '/AutoZod/api/*'],
      ['enneo', '/enneo*'],
      ['enneo', '/*/worklog'],
      ['voipcube', '/*user-statuses'],
      [null, '/voipcube/stats/*'],
    ] as const) {
      await request(a)
        .post('/__standin/faults')
        .send({ vendor, path, probability: 0, code: 500 })
        .expect(201);
    }
  });

  it("rule ids never repeat within the server's life, not after DELETE /faults nor after a reset", async () => {
    const a = app();
    const add = async () =>
      (await request(a).post('/__standin/faults').send({ probability: 0, code: 500 }).expect(201)).body.id;
    expect(await add()).toBe('rule-1');
    await request(a).delete('/__standin/faults').expect(204);
    expect(await add()).toBe('rule-2');
    await request(a).post('/__standin/reset').expect(204);
    expect(await add()).toBe('rule-3');
    // A refused rule takes no id.
    await request(a).post('/__standin/faults').send({ probability: 2, code: 500 }).expect(400);
    expect(await add()).toBe('rule-4');
  });

  it("injected 429 and 503 carry Retry-After (the rule's retryAfter, else 1); other statuses none", async () => {
    const a = app();
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'voipcube', probability: 1, code: 429, retryAfter: 7 })
      .expect(201);
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'enneo', probability: 1, code: 503 })
      .expect(201);
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'autozod', probability: 1, code: 500 })
      .expect(201);
    expect((await voipcube(a).expect(429)).headers['retry-after']).toBe('7');
    const enneo = await request(a).get('/enneo/api/mind/export/reporting_worklog').expect(503);
    expect(enneo.headers['retry-after']).toBe('1');
    const autozod = await request(a).get(AUTOZOD).expect(500);
    expect(autozod.headers['retry-after']).toBeUndefined();
  });

  it('a delayMs rule slows matching answers but leaves their status', async () => {
    const a = app();
    await request(a).post('/__standin/faults').send({ probability: 1, delayMs: 120 }).expect(201);
    const started = performance.now();
    await voipcube(a).expect(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('the Prefer header wins over a rule', async () => {
    const a = app();
    await request(a).post('/__standin/faults').send({ probability: 1, code: 503 }).expect(201);
    await voipcube(a).set('Prefer', 'code=418').expect(418);
  });

  it('a seeded rule injects the same faults for the same requests, run after run', async () => {
    const run = async (seed: number) => {
      const a = app();
      await request(a).post('/__standin/faults').send({ probability: 0.3, code: 503, seed }).expect(201);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await voipcube(a)).status);
      return statuses;
    };
    const first = await run(1234);
    expect(await run(1234)).toEqual(first);
    const faulted = first.filter((s) => s === 503).length;
    expect(faulted).toBeGreaterThan(3);
    expect(faulted).toBeLessThan(25);
    expect(first.filter((s) => s !== 503).every((s) => s === 200)).toBe(true);
    expect(await run(99)).not.toEqual(first);
  });

  it('a rule without a seed takes the app faultSeed, so the run is reproducible too', async () => {
    const run = async () => {
      const a = app(7);
      const created = await request(a).post('/__standin/faults').send({ probability: 0.5, code: 500 });
      expect(created.body.seed).toBe(7);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await voipcube(a)).status);
      return statuses;
    };
    expect(await run()).toEqual(await run());
  });

  it('GET lists the rules; DELETE /faults/:id removes one; DELETE /faults removes all', async () => {
    const a = app();
    await request(a).post('/__standin/faults').send({ probability: 1, code: 500 }).expect(201);
    await request(a).post('/__standin/faults').send({ probability: 0.5, delayMs: 10, seed: 3 }).expect(201);
    const list = await request(a).get('/__standin/faults').expect(200);
    expect(list.body.rules.map((r: { id: string }) => r.id)).toEqual(['rule-1', 'rule-2']);
    await request(a).delete('/__standin/faults/rule-1').expect(204);
    const missing = await request(a).delete('/__standin/faults/rule-1').expect(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: 'no fault rule "rule-1"' });
    expect((await request(a).get('/__standin/faults')).body.rules.map((r: { id: string }) => r.id)).toEqual([
      'rule-2',
    ]);
    await request(a).delete('/__standin/faults').expect(204);
    expect((await request(a).get('/__standin/faults')).body).toEqual({ rules: [] });
    await voipcube(a).expect(200);
  });

  it.each([
    [{ code: 503 }, 'probability', 'probability must be a number from 0 to 1'],
    [{ probability: 1.5, code: 503 }, 'probability', 'probability must be a number from 0 to 1'],
    [{ probability: '1', code: 503 }, 'probability', 'probability must be a number from 0 to 1'],
    [{ probability: 1 }, 'code', 'a rule needs code, delayMs or reset: true'],
    [{ probability: 1, code: 302 }, 'code', 'code must be an HTTP error status from 400 to 599'],
    [
      { probability: 1, delayMs: 1.5 },
      'delayMs',
      'delayMs must be a whole number of milliseconds from 0 to 60000',
    ],
    [{ probability: 1, reset: 'yes' }, 'reset', 'reset must be true or false'],
    [
      { probability: 1, code: 503, reset: true },
      'reset',
      'reset drops the connection, so it cannot be combined with code',
    ],
    [
      { probability: 1, code: 503, vendor: 'acme' },
      'vendor',
      'vendor must be one of enneo, voipcube, autozod',
    ],
    [
      { probability: 1, code: 503, path: 'voipcube' },
      'path',
      'path must be a request path starting with "/" (at most 2048 characters)',
    ],
    [{ probability: 1, code: 503, seed: -1 }, 'seed', 'seed must be an integer from 0 to 4294967295'],
    [
      { probability: 1, code: 503, colour: 'red' },
      'colour',
      'unknown field "colour"; a rule has vendor, path, probability, code, delayMs, reset, retryAfter, seed',
    ],
    [
      { vendor: 'autozod', path: '/api/sessionLogs/list', probability: 1, code: 503 },
      'path',
      'path "/api/sessionLogs/list" can never match autozod: a rule\'s path is the full request path, and autozod\'s start with "/autozod" (e.g. "/autozod/api/sessionLogs/list")',
    ],
    [
      { vendor: 'enneo', path: '/voipcube/*', probability: 1, code: 503 },
      'path',
      'path "/voipcube/*" can never match enneo: a rule\'s path is the full request path, and enneo\'s start with "/enneo/api/mind" (e.g. "/enneo/api/mind/voipcube/*")',
    ],
    [
      { path: '/stats/user-statuses', probability: 1, code: 503 },
      'path',
      'path "/stats/user-statuses" can never match a vendor request: a rule\'s path is the full request path, starting with one of "/enneo/api/mind", "/voipcube", "/autozod"',
    ],
    [
      { probability: 1, code: 503, retryAfter: -1 },
      'retryAfter',
      'retryAfter must be a whole number of seconds from 0 to 86400',
    ],
    [
      { probability: 1, code: 503, retryAfter: 2.5 },
      'retryAfter',
      'retryAfter must be a whole number of seconds from 0 to 86400',
    ],
    [
      { probability: 1, code: 500, retryAfter: 2 },
      'retryAfter',
      'retryAfter needs code 429 or 503 (only those carry Retry-After)',
    ],
  ])('a bad rule %j is a 400 naming %s, and no rule is added', async (body, field, message) => {
    const a = app();
    const res = await request(a).post('/__standin/faults').send(body).expect(400);
    expect(res.body).toEqual({ code: 'INVALID_PARAMETER', message, field });
    expect((await request(a).get('/__standin/faults')).body).toEqual({ rules: [] });
  });
});
