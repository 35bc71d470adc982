import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { generateWorld } from '../../src/world/index.ts';
import { DEV, enneoToken, smallWorld } from './helpers.ts';

const app = createApp({ world: smallWorld() });

interface ServedParameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { items?: Record<string, unknown> };
}
interface ServedOperation {
  parameters?: (ServedParameter | { $ref: string })[];
  requestBody?: unknown;
}

/**
 * Every GET of a vendor's served document as the docs page would send it: each parameter with
 * its pre-filled example (the array ones exploded), and only those that have one.
 */
async function tryOutRequests(on: Express, vendor: string): Promise<string[]> {
  const doc = (await request(on).get(`/${vendor}/openapi.json`).expect(200)).body;
  const base = new URL(doc.servers[0].url, 'http://x').pathname;
  const out: string[] = [];
  for (const [path, item] of Object.entries<{ get?: ServedOperation }>(doc.paths)) {
    if (!item.get) continue;
    const params = (item.get.parameters ?? []).map((p) =>
      '$ref' in p ? (doc.components.parameters[p.$ref.split('/').pop()!] as ServedParameter) : p,
    );
    let target = path;
    const query = new URLSearchParams();
    for (const p of params) {
      if (p.example === undefined) continue;
      if (p.in === 'path') target = target.replace(`{${p.name}}`, String(p.example));
      else if (Array.isArray(p.example)) for (const v of p.example) query.append(p.name, String(v));
      else query.append(p.name, String(p.example));
    }
    out.push(`${base}${target}${query.size ? `?${query}` : ''}`);
  }
  return out;
}

async function credentialsOf(vendor: string): Promise<[string, string]> {
  if (vendor === 'voipcube') return ['Key', DEV.voipcube.key];
  if (vendor === 'enneo') return ['Authorization', `Bearer ${await enneoToken()}`];
  return ['Authorization', `Bearer ${DEV.autozod.token}`];
}

/** How much data an answer holds: array items, Autozod sessions, or bytes of another format. */
function dataCount(res: request.Response): number {
  const body: unknown = res.body;
  if (Array.isArray(body)) return body.length;
  const summary = (body as { data?: { summary?: { total_session_count?: number } } }).data?.summary;
  if (summary) return summary.total_session_count ?? 0;
  return Buffer.byteLength(res.text ?? '');
}

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

  it.each([
    ['the small test world', () => app],
    ['the default world', () => createApp({ world: generateWorld() })],
  ])('every operation answers 200 with data from its pre-filled values in %s', async (_label, make) => {
    const on = make();
    const seen: string[] = [];
    for (const vendor of ['enneo', 'voipcube', 'autozod']) {
      const [header, value] = await credentialsOf(vendor);
      for (const url of await tryOutRequests(on, vendor)) {
        const res = await request(on).get(url).set(header, value);
        expect([url, res.status]).toEqual([url, 200]);
        expect(dataCount(res), url).toBeGreaterThan(0);
        seen.push(url.split('?', 1)[0]!);
      }
    }
    expect(seen.map((u) => u.replace(/\/\d+\//, '/{id}/'))).toEqual([
      '/enneo/api/mind/export/reporting_worklog',
      '/enneo/api/mind/ticket/{id}/worklog',
      '/voipcube/stats/user-statuses',
      '/autozod/api/sessionLogs/list',
    ]);
  });

  it('pre-fills ids and dates from the served world, and says the contract example was another', async () => {
    const doc = (await request(app).get('/voipcube/openapi.json').expect(200)).body;
    const { from, userIds, page } = doc.components.parameters;
    const logs = smallWorld().voipcube.statusLogs;
    expect(from.example).toBe(logs.at(-1)!.time.slice(0, 10));
    expect(userIds.example).toEqual([logs.at(-1)!.userId]);
    expect(page.example).toBe(1);
    expect(from.description).toContain('Pre-filled from the world this standin serves');
    expect(from.description).toContain('The contract\'s example: "2023-05-29T15:02:10Z".');
  });

  it('serves no GET request body, no array item format and no repository paths', async () => {
    for (const vendor of ['enneo', 'voipcube', 'autozod']) {
      const res = await request(app).get(`/${vendor}/openapi.json`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text.match(/\.\.\/shared|contracts\/|src\/\w|\w+\.(?:md|txt|yaml|ts)\b/g), vendor).toBeNull();
      for (const item of Object.values<{ get?: ServedOperation }>(res.body.paths)) {
        expect(item.get?.requestBody).toBeUndefined();
      }
      const params = Object.values<ServedParameter>(res.body.components?.parameters ?? {});
      expect(params.filter((p) => p.schema?.items?.format !== undefined)).toEqual([]);
    }
    const autozod = (await request(app).get('/autozod/openapi.json')).body;
    expect(autozod.paths['/api/sessionLogs/list'].get.description).toContain(
      'The docs page sends no body: a browser cannot send one with GET',
    );
    expect(autozod.info.description).toContain("Written from the vendor's documentation");
  });

  it('an unknown vendor has no docs', async () => {
    await request(app).get('/docs/acme/').expect(404);
  });
});
