/**
 * `--cors` / `cors: true`: browsers may call the vendor routes (preflights answered, headers
 * readable); off by default; never on the controls; the docs keep their CSP either way.
 */
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/server.ts';
import { createApp } from '../../src/app.ts';
import { createFetchHandler } from '../../src/fetch.ts';
import { SMALL } from '../cli/helpers.ts';
import { type InProcessServer, startServe } from '../cli/in-process.ts';
import { DEV, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const ORIGIN = 'http://localhost:5173';
const app = (cors?: boolean) => createApp({ world: smallWorld(), ...(cors === undefined ? {} : { cors }) });
const preflight = (a: ReturnType<typeof app>, path: string, headers = 'authorization,prefer') =>
  request(a)
    .options(path)
    .set('Origin', ORIGIN)
    .set('Access-Control-Request-Method', 'GET')
    .set('Access-Control-Request-Headers', headers);

describe('cors: true', () => {
  it('answers a preflight on every vendor route with 204, any origin, the methods and the headers asked for', async () => {
    const a = app(true);
    for (const path of [
      '/voipcube/stats/user-statuses',
      '/enneo/api/mind/export/reporting_worklog',
      '/autozod/x',
    ]) {
      const res = await preflight(a, path).expect(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe('authorization,prefer');
      expect(res.headers['access-control-max-age']).toBe('600');
      expect(res.text).toBe('');
    }
    // A header list that is not one falls back to the list every vendor client needs.
    const odd = await preflight(a, VOIPCUBE_OK, 'key, <script>').expect(204);
    expect(odd.headers['access-control-allow-headers']).toBe(
      'Authorization, Key, Prefer, Content-Type, Accept',
    );
    // Preflights are browser plumbing: not journaled, not faulted, no credentials needed.
    expect((await request(a).get('/__standin/requests')).body).toEqual({ requests: [] });
  });

  it('lets a browser read answers, errors and injected faults alike, with the headers a client acts on', async () => {
    const a = app(true);
    const ok = await request(a)
      .get(VOIPCUBE_OK)
      .set('Origin', ORIGIN)
      .set('Key', DEV.voipcube.key)
      .expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect(ok.headers['access-control-expose-headers']).toBe(
      'Content-Disposition, Content-Length, Retry-After, Preference-Applied, WWW-Authenticate, standin-replayed',
    );
    const refused = await request(a).get(VOIPCUBE_OK).set('Origin', ORIGIN).expect(401);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
    const fault = await request(a).get(VOIPCUBE_OK).set('Prefer', 'code=429').expect(429);
    expect(fault.headers['access-control-allow-origin']).toBe('*');
    expect(fault.headers['retry-after']).toBe('1');
  });

  it('never opens the controls to other origins, and the docs keep their CSP', async () => {
    const a = app(true);
    const controls = await request(a).get('/__standin/requests').set('Origin', ORIGIN).expect(200);
    expect(controls.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await preflight(a, '/__standin/faults');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const docs = await request(a).get('/').expect(200);
    expect(docs.headers['content-security-policy']).toBeDefined();
    expect(docs.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('works through the fetch door too', async () => {
    const handler = createFetchHandler({ world: smallWorld(), cors: true });
    const res = await handler(
      new Request(`http://standin.test${VOIPCUBE_OK}`, {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a cors option that is not a boolean', () => {
    expect(() => createApp({ world: smallWorld(), cors: 'yes' as unknown as boolean })).toThrow(
      'createApp: cors must be true or false',
    );
  });
});

describe('without cors (the default)', () => {
  it('sends no CORS headers: a preflight meets the vendor (405) and answers carry none', async () => {
    const a = app();
    const pre = await preflight(a, VOIPCUBE_OK);
    expect(pre.status).toBe(405);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const ok = await request(a)
      .get(VOIPCUBE_OK)
      .set('Origin', ORIGIN)
      .set('Key', DEV.voipcube.key)
      .expect(200);
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
    const docs = await request(a).get('/').expect(200);
    expect(docs.headers['content-security-policy']).toBeDefined();
  });
});

/** One request over the wire; resolves with the status and headers. */
function send(url: string, method: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('standin serve --cors', () => {
  let server: InProcessServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('answers preflights and simple requests with CORS headers only with the flag', async () => {
    const asked = {
      Origin: ORIGIN,
      'Access-Control-Request-Method': 'GET',
      'Access-Control-Request-Headers': 'key',
    };
    server = await startServe([...SMALL, '--port', '0', '--cors']);
    const on = await send(`${server.origin}${VOIPCUBE_OK}`, 'OPTIONS', asked);
    expect(on.status).toBe(204);
    expect(on.headers['access-control-allow-headers']).toBe('key');
    const simple = await send(`${server.origin}${VOIPCUBE_OK}`, 'GET', {
      Origin: ORIGIN,
      Key: DEV.voipcube.key,
    });
    expect(simple.status).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBe('*');
    await server.stop();

    server = await startServe([...SMALL, '--port', '0']);
    const off = await send(`${server.origin}${VOIPCUBE_OK}`, 'OPTIONS', asked);
    expect(off.status).toBe(405);
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    const plain = await send(`${server.origin}${VOIPCUBE_OK}`, 'GET', {
      Origin: ORIGIN,
      Key: DEV.voipcube.key,
    });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('startServer({ cors })', () => {
  it('takes cors: true like --cors, and refuses a non-boolean naming the option', async () => {
    const running = await startServer({ agents: 2, days: 10, tickets: 10, cors: true });
    try {
      const res = await send(`${running.url}${VOIPCUBE_OK}`, 'OPTIONS', {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'GET',
      });
      expect(res.status).toBe(204);
    } finally {
      await running.close();
    }
    await expect(startServer({ cors: 1 as unknown as boolean })).rejects.toThrow(
      'startServer: cors must be true or false.',
    );
  });
});
