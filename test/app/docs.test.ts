import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, enneoToken, smallWorld } from './helpers.ts';

const app = createApp({ world: smallWorld() });

describe('GET /', () => {
  it('lists each vendor with its mock base URL (from the Host header), credentials and docs links', async () => {
    const res = await request(app).get('/').set('Host', 'mock.test:4010').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    for (const base of [
      'http://mock.test:4010/enneo/api/mind',
      'http://mock.test:4010/voipcube',
      'http://mock.test:4010/autozod',
    ]) {
      expect(html).toContain(`<code>${base}</code>`);
    }
    expect(html).toContain(`Authorization: Bearer ${await enneoToken()}`);
    expect(html).toContain(`Cookie: connect.sid=${DEV.enneo.sessionId}`);
    expect(html).toContain(`Key: ${DEV.voipcube.key}`);
    expect(html).toContain(`Authorization: Bearer ${DEV.autozod.token}`);
    for (const v of ['enneo', 'voipcube', 'autozod']) {
      expect(html).toContain(`href="/docs/${v}/"`);
      expect(html).toContain(`href="/${v}/openapi.json"`);
    }
    expect(html).toContain('<code>GET /stats/user-statuses</code>');
    expect(html).toContain('(real: <code>https://customer.voipcube.nl</code>)');
    expect(html).toContain('seed <code>42</code>, anchor <code>2025-09-30</code>');
  });

  it('escapes a hostile Host header instead of reflecting it', async () => {
    const res = await request(app).get('/').set('Host', '<script>x</script>').expect(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('<code>/voipcube</code>');
  });

  it('sends a CSP that keeps the page on its own origin', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('GET /<vendor>/openapi.json', () => {
  it.each([
    ['enneo', '/enneo/api/mind'],
    ['voipcube', '/voipcube'],
    ['autozod', '/autozod'],
  ])('serves the %s contract with the mock as its only server', async (vendor, basePath) => {
    const res = await request(app).get(`/${vendor}/openapi.json`).set('Host', '127.0.0.1:4321').expect(200);
    expect(res.body.openapi).toMatch(/^3\.0\./);
    expect(res.body.servers).toEqual([
      { url: `http://127.0.0.1:4321${basePath}`, description: 'standin, the mock serving this page' },
    ]);
    expect(Object.keys(res.body.paths).length).toBeGreaterThan(0);
  });

  it('falls back to a relative server URL when the Host header is malformed', async () => {
    const res = await request(app).get('/voipcube/openapi.json').set('Host', 'evil.test/x?').expect(200);
    expect(res.body.servers[0].url).toBe('/voipcube');
  });
});

describe('/docs/<vendor>/ (Swagger UI)', () => {
  it('redirects to the trailing-slash address its relative assets need', async () => {
    const res = await request(app).get('/docs/voipcube').expect(301);
    expect(res.headers.location).toBe('/docs/voipcube/');
  });

  it('serves the page and every asset it names from this server (no CDN)', async () => {
    const page = await request(app).get('/docs/voipcube/').expect(200);
    expect(page.text).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//);
    const assets = [...page.text.matchAll(/(?:src|href)=["']?\.\/([\w.-]+)/g)].map((m) => m[1]);
    expect(assets).toEqual(
      expect.arrayContaining([
        'swagger-ui.css',
        'swagger-ui-bundle.js',
        'swagger-ui-standalone-preset.js',
        'swagger-ui-init.js',
      ]),
    );
    for (const asset of assets) await request(app).get(`/docs/voipcube/${asset}`).expect(200);
  });

  it("pre-authorises each vendor's docs with its development credential and loads its own contract", async () => {
    const init = async (vendor: string) =>
      (await request(app).get(`/docs/${vendor}/swagger-ui-init.js`).expect(200)).text;
    const voipcube = await init('voipcube');
    expect(voipcube).toContain('"swaggerUrl": "/voipcube/openapi.json"');
    expect(voipcube).toContain(`"value": "${DEV.voipcube.key}"`);
    expect(voipcube).toContain('"validatorUrl": null');
    const enneo = await init('enneo');
    expect(enneo).toContain('"swaggerUrl": "/enneo/openapi.json"');
    expect(enneo).toContain(`"value": "${await enneoToken()}"`);
    const autozod = await init('autozod');
    expect(autozod).toContain(`"value": "${DEV.autozod.token}"`);
  });

  it('answers its paths in any letter case and with a trailing slash, and no other /openapi.json', async () => {
    const seen = async (path: string) => {
      const res = await request(app).get(path);
      return [res.status, res.headers['content-type'], res.headers.location];
    };
    const json = 'application/json; charset=utf-8';
    expect(await seen('/VOIPCUBE/openapi.json/')).toEqual([200, json, undefined]);
    expect(await seen('/Enneo/OpenAPI.json')).toEqual([200, json, undefined]);
    expect(await seen('/Docs/Enneo')).toEqual([301, 'text/plain; charset=utf-8', '/docs/enneo/']);
    expect(await seen('/acme/openapi.json')).toEqual([404, json, undefined]);
  });

  it('an unknown vendor has no docs', async () => {
    await request(app).get('/docs/acme/').expect(404);
  });
});
