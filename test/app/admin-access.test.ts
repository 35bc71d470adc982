import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { isLoopbackAddress } from '../../src/http/admin-guard.ts';
import { DEV, serverAs, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const TOKEN = 'an-admin-token-of-some-length';
const LOOPBACK_ONLY =
  'the mock controls answer only on loopback; start standin with --admin-token to reach them from elsewhere';
const TOKEN_REQUIRED =
  'the mock controls require the admin token: send "Authorization: Bearer <admin token>"';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:127.9.9.9', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.5', false],
    ['fe80::1', false],
    ['1270.0.0.1', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('without an admin token', () => {
  const app = createApp({ world: smallWorld() });

  it('answers the controls on loopback', async () => {
    await request(app).get('/__standin/health').expect(200);
  });

  it.each(['203.0.113.7', '::ffff:10.1.2.3', '2001:db8::5'])(
    'refuses every control to a caller at %s with a 403 that says how to allow it',
    async (address) => {
      const remote = serverAs(app, address);
      for (const [method, path] of [
        ['post', '/__standin/health'],
        ['get', '/__standin/requests'],
        ['put', '/__standin/settings'],
        ['post', '/__standin/reset'],
        ['post', '/__standin/faults'],
        ['delete', '/__standin/faults'],
        ['get', '/__standin/nope'],
      ] as const) {
        const res = await request(remote)[method](path).expect(403);
        expect(res.body).toEqual({ code: 'FORBIDDEN', message: LOOPBACK_ONLY });
      }
    },
  );

  it('does not trust X-Forwarded-For to look local', async () => {
    const remote = serverAs(app, '203.0.113.7');
    await request(remote).get('/__standin/requests').set('X-Forwarded-For', '127.0.0.1').expect(403);
  });

  it('answers GET /__standin/health to anyone: probes call from other addresses', async () => {
    const res = await request(serverAs(app, '203.0.113.7')).get('/__standin/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('still serves the vendors and the docs to remote callers', async () => {
    const remote = serverAs(app, '203.0.113.7');
    await request(remote).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    await request(remote).get('/').expect(200);
  });
});

describe('with an admin token', () => {
  const app = createApp({ world: smallWorld(), adminToken: TOKEN });

  it.each(['127.0.0.1', '203.0.113.7'])('a caller at %s with the token is let in', async (address) => {
    const res = await request(serverAs(app, address))
      .get('/__standin/settings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(Object.keys(res.body)).toEqual(['enneo']);
  });

  it('answers GET /__standin/health without the token (Docker and Kubernetes probes have none)', async () => {
    const res = await request(serverAs(app, '203.0.113.7')).get('/__standin/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    await request(app).get('/__standin/requests').expect(403);
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer not-the-token'],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
    ['another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
  ])('%s is refused with 403, on loopback too', async (_label, header) => {
    const req = request(app).get('/__standin/settings');
    if (header !== undefined) req.set('Authorization', header);
    const res = await req.expect(403);
    expect(res.body).toEqual({ code: 'FORBIDDEN', message: TOKEN_REQUIRED });
  });

  it('guards changes: a refused PUT changes nothing', async () => {
    await request(app)
      .put('/__standin/settings')
      .send({ enneo: { reportingPrivacyLevel: 'pseudonymized' } })
      .expect(403);
    const res = await request(app)
      .get('/__standin/settings')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(res.body.enneo.reportingPrivacyLevel).toBe('none');
  });

  it('leaves the vendors alone: the admin token is not a vendor credential', async () => {
    await request(app).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    await request(app).get(VOIPCUBE_OK).set('Key', TOKEN).expect(401);
  });
});

describe('vendor paths never collide with the controls', () => {
  it('no vendor base path starts with /__standin', async () => {
    const res = await request(createApp({ world: smallWorld() }))
      .get('/nowhere')
      .expect(404);
    for (const base of res.body.basePaths as string[]) expect(base.startsWith('/__standin')).toBe(false);
  });
});
