/** Stubs through the server (issue 18 item 1): matching, auth first, times, priority, precedence, journal. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, enneoToken, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const app = () => createApp({ world: smallWorld() });
type App = ReturnType<typeof app>;
const USER_STATUSES = '/stats/user-statuses';
const stub = (a: App, body: unknown) =>
  request(a)
    .post('/__standin/stubs')
    .send(body as object);
const voipcube = (a: App, path = VOIPCUBE_OK) => request(a).get(path).set('Key', DEV.voipcube.key);

describe('POST /__standin/stubs', () => {
  it('answers 201 with the stored stub; GET lists it; the vendor request gets its answer', async () => {
    const a = app();
    const created = await stub(a, {
      vendor: 'voipcube',
      path: USER_STATUSES,
      response: {
        status: 200,
        headers: { 'X-Extra': 'yes' },
        body: [{ status: 'Never seen', userId: 'u', time: 't' }],
      },
    }).expect(201);
    expect(created.body).toEqual({
      id: 'stub-1',
      vendor: 'voipcube',
      method: null,
      path: USER_STATUSES,
      query: {},
      headers: {},
      response: {
        status: 200,
        headers: { 'x-extra': 'yes' },
        body: [{ status: 'Never seen', userId: 'u', time: 't' }],
      },
      times: null,
      priority: 5,
      scenario: null,
      requiredState: null,
      newState: null,
      answered: 0,
    });
    const res = await voipcube(a).expect(200);
    expect(res.body).toEqual([{ status: 'Never seen', userId: 'u', time: 't' }]);
    expect(res.headers['x-extra']).toBe('yes');
    expect(res.headers['standin-stubbed']).toBe('stub-1');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const listed = await request(a).get('/__standin/stubs').expect(200);
    expect(listed.body.stubs).toEqual([{ ...created.body, answered: 1 }]);
  });

  it('serves text and base64 bodies with their own content types, a stub-named one winning', async () => {
    const a = app();
    await stub(a, {
      vendor: 'voipcube',
      path: '/text',
      response: { status: 502, body: 'Bad gateway' },
    }).expect(201);
    await stub(a, {
      vendor: 'voipcube',
      path: '/bytes',
      response: { status: 200, bodyBase64: 'AAEC/w==' },
    }).expect(201);
    await stub(a, {
      vendor: 'voipcube',
      path: '/html',
      response: { status: 200, headers: { 'content-type': 'text/html' }, body: '<p>x</p>' },
    }).expect(201);
    const text = await voipcube(a, '/voipcube/text').expect(502);
    expect([text.text, text.headers['content-type']]).toEqual(['Bad gateway', 'text/plain; charset=utf-8']);
    const bytes = await voipcube(a, '/voipcube/bytes')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect([...(bytes.body as Buffer)]).toEqual([0, 1, 2, 255]);
    expect(bytes.headers['content-type']).toBe('application/octet-stream');
    const html = await voipcube(a, '/voipcube/html').expect(200);
    expect(html.headers['content-type']).toBe('text/html');
  });

  it('answers only after the vendor lets the caller in; a refused request does not use it up', async () => {
    const a = app();
    await stub(a, { vendor: 'voipcube', path: USER_STATUSES, response: { status: 200, body: [] }, times: 1 });
    const refused = await request(a).get(VOIPCUBE_OK).expect(401);
    expect(refused.body).toEqual({
      message: 'the API key is missing: send it in the Key header',
      code: 'UNAUTHENTICATED',
    });
    expect(refused.headers['standin-stubbed']).toBeUndefined();
    expect((await voipcube(a).expect(200)).body).toEqual([]);
  });

  it('answers `times` times, then the world answers again', async () => {
    const a = app();
    await stub(a, { vendor: 'voipcube', path: USER_STATUSES, response: { status: 429, body: {} }, times: 2 });
    await voipcube(a).expect(429);
    await voipcube(a).expect(429);
    const world = await voipcube(a).expect(200);
    expect(world.body.length).toBeGreaterThan(0);
    const listed = await request(a).get('/__standin/stubs').expect(200);
    expect(listed.body.stubs[0]).toMatchObject({ id: 'stub-1', times: 2, answered: 2 });
  });

  it('matches method, query (exact or regex) and headers; others go on to the world', async () => {
    const a = app();
    await stub(a, {
      vendor: 'voipcube',
      method: 'get',
      path: USER_STATUSES,
      query: { from: '2025-09-01', to: { matches: '2025-09-0[2-5]' } },
      headers: { 'X-Page': { matches: '\\d+' } },
      response: { status: 200, body: ['stubbed'] },
    }).expect(201);
    const hit = await voipcube(a).set('X-Page', '3').expect(200);
    expect(hit.body).toEqual(['stubbed']);
    // The whole value must match the pattern, not a part of it.
    expect((await voipcube(a).set('X-Page', '3a').expect(200)).body).not.toEqual(['stubbed']);
    expect((await voipcube(a).expect(200)).body).not.toEqual(['stubbed']);
    const otherDay = await voipcube(a, '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-09').set(
      'X-Page',
      '3',
    );
    expect(otherDay.body).not.toEqual(['stubbed']);
    const post = await request(a).post(VOIPCUBE_OK).set('Key', DEV.voipcube.key).set('X-Page', '3');
    expect(post.headers['standin-stubbed']).toBeUndefined();
  });

  it('matches `*` in path as any run of characters', async () => {
    const a = app();
    await stub(a, {
      vendor: 'enneo',
      path: '/ticket/*/worklog',
      response: { status: 404, body: { gone: true } },
    });
    const res = await request(a)
      .get('/enneo/api/mind/ticket/77/worklog')
      .set('Authorization', `Bearer ${await enneoToken()}`)
      .expect(404);
    expect(res.body).toEqual({ gone: true });
  });

  it('picks the lowest priority number; on a tie the newest stub', async () => {
    const a = app();
    await stub(a, {
      vendor: 'voipcube',
      path: USER_STATUSES,
      priority: 2,
      response: { status: 200, body: ['p2-old'] },
    });
    await stub(a, {
      vendor: 'voipcube',
      path: USER_STATUSES,
      priority: 2,
      response: { status: 200, body: ['p2-new'] },
    });
    await stub(a, { vendor: 'voipcube', path: USER_STATUSES, response: { status: 200, body: ['p5'] } });
    expect((await voipcube(a)).body).toEqual(['p2-new']);
    await request(a).delete('/__standin/stubs/stub-2').expect(204);
    expect((await voipcube(a)).body).toEqual(['p2-old']);
    await request(a).delete('/__standin/stubs/stub-1').expect(204);
    expect((await voipcube(a)).body).toEqual(['p5']);
  });

  it('precedence: Prefer faults > fault rules > stubs > the world', async () => {
    const a = app();
    await stub(a, { vendor: 'voipcube', path: USER_STATUSES, response: { status: 200, body: ['stubbed'] } });
    expect((await voipcube(a)).body).toEqual(['stubbed']);
    await request(a)
      .post('/__standin/faults')
      .send({ vendor: 'voipcube', probability: 1, code: 503 })
      .expect(201);
    expect((await voipcube(a)).status).toBe(503);
    expect((await voipcube(a).set('Prefer', 'code=418')).status).toBe(418);
    await request(a).delete('/__standin/faults').expect(204);
    expect((await voipcube(a)).body).toEqual(['stubbed']);
    await request(a).delete('/__standin/stubs').expect(204);
    expect((await voipcube(a)).headers['standin-stubbed']).toBeUndefined();
  });

  it('journals the stub that answered as `stubbed`', async () => {
    const a = app();
    await stub(a, { vendor: 'voipcube', path: USER_STATUSES, response: { status: 200, body: [] }, times: 1 });
    await voipcube(a);
    await voipcube(a);
    const journal = await request(a).get('/__standin/requests').expect(200);
    const entries = journal.body.requests as { status: number; stubbed?: string }[];
    expect(entries.map((e) => [e.status, e.stubbed])).toEqual([
      [200, 'stub-1'],
      [200, undefined],
    ]);
  });

  it('refuses a path that can never match its vendor, naming path and the base', async () => {
    const a = app();
    const res = await stub(a, {
      vendor: 'autozod',
      path: '/autozod/api/sessionLogs/list',
      response: { status: 200 },
    }).expect(400);
    expect(res.body.field).toBe('path');
    expect(res.body.message).toContain("autozod's base path /autozod");
    const other = await stub(a, {
      vendor: 'enneo',
      path: '/voipcube/stats',
      response: { status: 200 },
    }).expect(400);
    expect([other.body.field, other.body.message]).toEqual([
      'path',
      'path must not start with /voipcube: path is relative to enneo\'s base path /enneo/api/mind, e.g. "/stats/user-statuses" for /enneo/api/mind/stats/user-statuses',
    ]);
    expect((await request(a).get('/__standin/stubs')).body).toEqual({ stubs: [] });
  });

  it('never repeats an id, also after DELETE and reset', async () => {
    const a = app();
    const body = { vendor: 'voipcube', path: USER_STATUSES, response: { status: 200 } };
    expect((await stub(a, body)).body.id).toBe('stub-1');
    await request(a).delete('/__standin/stubs').expect(204);
    expect((await stub(a, body)).body.id).toBe('stub-2');
    await request(a).post('/__standin/reset').expect(204);
    expect((await request(a).get('/__standin/stubs')).body).toEqual({ stubs: [] });
    expect((await stub(a, body)).body.id).toBe('stub-3');
    await request(a).delete('/__standin/stubs/stub-3').expect(204);
    const gone = await request(a).delete('/__standin/stubs/stub-3').expect(404);
    expect(gone.body).toEqual({ code: 'NOT_FOUND', message: 'no stub "stub-3"' });
  });

  it.each([
    [{ path: '/x', response: { status: 200 } }, 'vendor'],
    [{ vendor: 'voipcube', path: 'stats', response: { status: 200 } }, 'path'],
    [{ vendor: 'voipcube', path: '/x?a=1', response: { status: 200 } }, 'path'],
    [{ vendor: 'voipcube', path: '/x', response: { status: 99 } }, 'response.status'],
    [{ vendor: 'voipcube', path: '/x', response: { status: 204, body: 'x' } }, 'response.body'],
    [
      { vendor: 'voipcube', path: '/x', response: { status: 200, body: 1, bodyBase64: 'AA==' } },
      'response.bodyBase64',
    ],
    [
      { vendor: 'voipcube', path: '/x', response: { status: 200, headers: { 'Content-Length': '1' } } },
      'response.headers.Content-Length',
    ],
    [{ vendor: 'voipcube', path: '/x', response: { status: 200 }, times: 0 }, 'times'],
    [{ vendor: 'voipcube', path: '/x', response: { status: 200 }, priority: 0 }, 'priority'],
    [
      { vendor: 'voipcube', path: '/x', response: { status: 200 }, query: { a: { matches: '(a+)+' } } },
      'query.a',
    ],
    [{ vendor: 'voipcube', path: '/x', response: { status: 200 }, headers: { 'X-A': 5 } }, 'headers.X-A'],
    [{ vendor: 'voipcube', path: '/x', response: { status: 200 }, color: 'red' }, 'color'],
  ])('refuses %j with a 400 naming %s, adding nothing', async (body, field) => {
    const a = app();
    const res = await stub(a, body).expect(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', field });
    expect(typeof res.body.message).toBe('string');
    expect((await request(a).get('/__standin/stubs')).body).toEqual({ stubs: [] });
  });
});
