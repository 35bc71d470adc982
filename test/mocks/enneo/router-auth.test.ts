import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import {
  BASE,
  makeApp,
  makeDeps,
  makeWorld,
  NOW,
  SECRET,
  SESSION,
  serve,
  signToken,
  unsignedToken,
} from './helpers.ts';

const world = makeWorld(30);
const app = makeApp(makeDeps(world));
const { server, close } = serve(app);
afterAll(close);

const PATHS = ['/export/reporting_worklog', `/ticket/${world.enneo.exportRows[0]!.ticketId}/worklog`];

let token: string;
beforeAll(async () => {
  token = await defaultEnneoToken(SECRET);
});

type Headers = Record<string, string>;
const failures: [string, () => Promise<Headers>, string][] = [
  [
    'no credentials',
    async () => ({}),
    'authentication required: send "Authorization: Bearer <JWT>" or the connect.sid cookie',
  ],
  [
    'a malformed "Bearer x"',
    async () => ({ Authorization: 'Bearer x' }),
    'the bearer token is not a well-formed JWT',
  ],
  [
    'another scheme',
    async () => ({ Authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
    'the Authorization header must use the Bearer scheme: "Authorization: Bearer <JWT>"',
  ],
  [
    'a wrong signature',
    async () => ({ Authorization: `Bearer ${await signToken({ sub: '1' }, { secret: 'not-the-secret' })}` }),
    'the bearer token signature does not verify with the server secret',
  ],
  [
    'an expired token',
    async () => ({
      Authorization: `Bearer ${await mintEnneoToken(SECRET, { expiresIn: '1h', now: NOW - 7_200_000 })}`,
    }),
    'the bearer token expired at 2024-06-01T11:00:00Z ("exp")',
  ],
  [
    'a token whose nbf is in the future',
    async () => ({ Authorization: `Bearer ${await signToken({ sub: '1', nbf: NOW / 1000 + 3600 })}` }),
    'the bearer token is not valid yet: not before 2024-06-01T13:00:00Z ("nbf")',
  ],
  [
    'a hand-crafted alg none token',
    async () => ({
      Authorization: `Bearer ${unsignedToken({ sub: '1', userId: 1, permissions: ['reportingPersonalData'] })}`,
    }),
    'the bearer token is unsigned (alg "none"); only HS256 is accepted',
  ],
  [
    'an HS512 token',
    async () => ({ Authorization: `Bearer ${await signToken({ sub: '1' }, { alg: 'HS512' })}` }),
    'the bearer token is signed with alg "HS512"; only HS256 is accepted',
  ],
  [
    'a wrong cookie',
    async () => ({ Cookie: 'connect.sid=wrong-session' }),
    'the connect.sid session is not a valid session',
  ],
];

describe.each(PATHS)('authentication on %s', (path) => {
  it.each(failures)('refuses %s with 403 and a body saying why', async (_name, headers, message) => {
    const res = await request(server)
      .get(`${BASE}${path}`)
      .set(await headers());
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ success: false, error: expect.stringContaining(message), code: 'FORBIDDEN' });
  });

  it('accepts the default bearer token', async () => {
    const res = await request(server).get(`${BASE}${path}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('accepts the connect.sid cookie', async () => {
    const res = await request(server)
      .get(`${BASE}${path}`)
      .set('Cookie', `theme=dark; connect.sid=${SESSION}`);
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('checks credentials before parameters', async () => {
    const res = await request(server).get(`${BASE}${path}?limit=0`);
    expect(res.status).toBe(403);
  });

  it('answers 405 with Allow for another method', async () => {
    const res = await request(server).post(`${BASE}${path}`).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toEqual({
      success: false,
      error: 'POST is not allowed here; use GET',
      code: 'METHOD_NOT_ALLOWED',
    });
  });
});

describe('clock', () => {
  it('uses the injected clock for exp: a token valid at the test clock passes, expired by it fails', async () => {
    const shortLived = await mintEnneoToken(SECRET, { expiresIn: 60, now: NOW - 30_000 });
    const ok = await request(server)
      .get(`${BASE}${PATHS[0]}?limit=1`)
      .set('Authorization', `Bearer ${shortLived}`);
    expect(ok.status).toBe(200);
    const later = makeApp({ ...makeDeps(world), clock: () => NOW + 31_000 });
    const expired = await request(later)
      .get(`${BASE}${PATHS[0]}?limit=1`)
      .set('Authorization', `Bearer ${shortLived}`);
    expect(expired.status).toBe(403);
    expect(expired.body.error).toBe('the bearer token expired at 2024-06-01T12:00:30Z ("exp")');
  });
});
