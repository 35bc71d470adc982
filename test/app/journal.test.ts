import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, enneoToken, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const NOW = Date.parse('2025-10-01T08:00:00Z');
const app = (journalLimit?: number) =>
  createApp({ world: smallWorld(), clock: () => NOW, ...(journalLimit ? { journalLimit } : {}) });
const EXPORT = '/enneo/api/mind/export/reporting_worklog';
const AUTOZOD = '/autozod/api/sessionLogs/list';

describe('GET /__standin/requests', () => {
  it('records each vendor request with method, path, query, headers, status and duration', async () => {
    const a = app();
    await request(a)
      .get(`${VOIPCUBE_OK}&userIds[]=a&userIds[]=b`)
      .set('Key', DEV.voipcube.key)
      .set('X-Trace', 't-1');
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests).toHaveLength(1);
    const [entry] = res.body.requests;
    expect(entry).toEqual({
      id: 1,
      time: '2025-10-01T08:00:00.000Z',
      vendor: 'voipcube',
      method: 'GET',
      path: '/voipcube/stats/user-statuses',
      query: { from: '2025-09-01', to: '2025-09-02', 'userIds[]': ['a', 'b'] },
      headers: expect.objectContaining({ key: 'stan…(24 chars)', 'x-trace': 't-1' }),
      status: 400,
      durationMs: expect.any(Number),
      requestBody: null,
      responseBody: {
        contentType: 'application/json; charset=utf-8',
        size: expect.any(Number),
        text: expect.stringContaining('"code"'),
      },
    });
    expect(Object.keys(entry)).toEqual([
      'id',
      'time',
      'vendor',
      'method',
      'path',
      'query',
      'headers',
      'status',
      'durationMs',
      'requestBody',
      'responseBody',
    ]);
  });

  it('records vendor requests only: not controls, docs, or unknown paths', async () => {
    const a = app();
    await request(a).get('/__standin/health');
    await request(a).get('/voipcube/openapi.json');
    await request(a).get('/');
    await request(a).get('/elsewhere');
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
    await request(a).get('/voipcube/no-such-endpoint');
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
      ['/voipcube/stats/user-statuses', 200],
      ['/voipcube/no-such-endpoint', 404],
    ]);
  });

  it("shows each request's arrival time by the app's clock, not the time the journal is read", async () => {
    let now = NOW;
    const a = createApp({ world: smallWorld(), clock: () => now });
    await request(a).get('/autozod/x');
    now = NOW + 90_500;
    await request(a).get(`${AUTOZOD}?page=1`);
    now = NOW + 3_600_000;
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests.map((r: { time: string; query: unknown }) => [r.time, r.query])).toEqual([
      ['2025-10-01T08:00:00.000Z', {}],
      ['2025-10-01T08:01:30.500Z', { page: '1' }],
    ]);
  });

  it('filters by ?vendor= and refuses an unknown vendor', async () => {
    const a = app();
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
    await request(a)
      .get(EXPORT)
      .set('Authorization', `Bearer ${await enneoToken()}`);
    await request(a).get(AUTOZOD);
    const only = async (vendor: string) =>
      (await request(a).get(`/__standin/requests?vendor=${vendor}`).expect(200)).body.requests.map(
        (r: { id: number; vendor: string }) => [r.id, r.vendor],
      );
    expect(await only('enneo')).toEqual([[2, 'enneo']]);
    expect(await only('voipcube')).toEqual([[1, 'voipcube']]);
    expect(await only('autozod')).toEqual([[3, 'autozod']]);
    const bad = await request(a).get('/__standin/requests?vendor=acme').expect(400);
    expect(bad.body).toEqual({
      code: 'INVALID_PARAMETER',
      message: 'vendor must be one of enneo, voipcube, autozod',
      field: 'vendor',
      allowed: ['enneo', 'voipcube', 'autozod'],
    });
    await request(a).get('/__standin/requests?vendor=enneo&vendor=autozod').expect(400);
  });

  it('DELETE clears it', async () => {
    const a = app();
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
    await request(a).delete('/__standin/requests').expect(204);
    expect((await request(a).get('/__standin/requests')).body).toEqual({ requests: [] });
  });

  it('keeps only the most recent requests, up to its limit, oldest first', async () => {
    const a = app(3);
    for (let i = 1; i <= 5; i += 1) await request(a).get(`/voipcube/stats/user-statuses?n=${i}`);
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests.map((r: { id: number; query: { n: string } }) => [r.id, r.query.n])).toEqual([
      [3, '3'],
      [4, '4'],
      [5, '5'],
    ]);
  });

  it('holds 1,000 requests by default', async () => {
    const a = app();
    for (let i = 0; i < 1005; i += 1) await request(a).get('/autozod/x');
    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests).toHaveLength(1000);
    expect(res.body.requests[0].id).toBe(6);
    expect(res.body.requests[999].id).toBe(1005);
  });
});

describe('redaction: no credential ever appears in the journal', () => {
  it('hides every development credential, wherever the client put it', async () => {
    const a = app();
    const jwt = await enneoToken();
    const secrets = [DEV.enneo.jwtSecret, DEV.enneo.sessionId, DEV.voipcube.key, DEV.autozod.token, jwt];

    await request(a).get(EXPORT).set('Authorization', `Bearer ${jwt}`);
    await request(a).get(EXPORT).set('Cookie', `connect.sid=${DEV.enneo.sessionId}; theme=dark`);
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
    await request(a).get(AUTOZOD).set('Authorization', `Bearer ${DEV.autozod.token}`);
    // Credentials in places they do not belong are caught too.
    await request(a).get(`${AUTOZOD}?token=${DEV.autozod.token}&access_token=${jwt}&q=${DEV.voipcube.key}`);
    await request(a).get(`/voipcube/${encodeURIComponent(DEV.enneo.sessionId)}/${DEV.voipcube.key}`);
    await request(a).get(`${EXPORT}?secret=${DEV.enneo.jwtSecret}`).set('X-Api-Key', DEV.voipcube.key);
    await request(a)
      .get(`${EXPORT}?${DEV.autozod.token}=1`)
      .set('X-Note', `see ${jwt} and ${DEV.enneo.jwtSecret}`);

    const res = await request(a).get('/__standin/requests').expect(200);
    expect(res.body.requests).toHaveLength(8);
    const text = res.text;
    for (const secret of secrets) {
      expect(text.includes(secret), secret).toBe(false);
      expect(text.includes(encodeURIComponent(secret)), secret).toBe(false);
    }
    const [bearer, cookie, key, autozod, query, path] = res.body.requests;
    expect(bearer.headers.authorization).toBe(`Bearer eyJh…(${jwt.length} chars)`);
    expect(cookie.headers.cookie).toBe('connect.sid=stan…(25 chars); theme=***');
    expect(key.headers.key).toBe('stan…(24 chars)');
    expect(autozod.headers.authorization).toBe('Bearer stan…(25 chars)');
    expect(query.query).toEqual({
      token: 'stan…(25 chars)',
      access_token: `eyJh…(${jwt.length} chars)`,
      q: 'stan…(24 chars)',
    });
    expect(path.path).toBe('/voipcube/stan…(25 chars)/stan…(24 chars)');
  });

  it('hides a configured secret and the admin token as well as the defaults', async () => {
    const a = createApp({
      world: smallWorld(),
      credentials: { voipcube: { key: 'my-own-voipcube-key-123' } },
      adminToken: 'admin-token-for-tests-0001',
    });
    await request(a)
      .get(VOIPCUBE_OK)
      .set('Key', 'my-own-voipcube-key-123')
      .set('X-Other', 'admin-token-for-tests-0001');
    const res = await request(a)
      .get('/__standin/requests')
      .set('Authorization', 'Bearer admin-token-for-tests-0001')
      .expect(200);
    expect(res.body.requests[0].status).toBe(200);
    expect(res.text).not.toContain('my-own-voipcube-key-123');
    expect(res.text).not.toContain('admin-token-for-tests-0001');
  });
});
