/**
 * What a HAR keeps and what it hides: credential headers, cookies and credential-like query values
 * are redacted (names kept), the rest of the exchange is as it was.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Har } from '../../src/har/index.ts';
import { startProxy } from '../../src/proxy/index.ts';
import { credentialHeaders, DEV, type Running, startStandin } from './helpers.ts';

let standin: Running;
let dir: string;

beforeAll(async () => {
  standin = await startStandin();
  dir = mkdtempSync(join(tmpdir(), 'standin-har-'));
});
afterAll(async () => {
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('--record', () => {
  it('redacts Authorization, Cookie, Key and credential-like query values, and every place they reappear', async () => {
    const file = join(dir, 'secrets.har');
    const logged: string[] = [];
    const proxy = await startProxy({
      vendor: 'enneo',
      target: `${standin.origin}/enneo/api/mind`,
      port: 0,
      record: file,
      onExchange: (e) => logged.push(JSON.stringify(e)),
    });
    const token = (await credentialHeaders()).enneo.authorization!.slice('Bearer '.length);
    const queryToken = 'query-secret-0123456789';
    const r = await fetch(
      `${proxy.url}/export/reporting_worklog?format=json&limit=1&access_token=${queryToken}`,
      {
        headers: {
          authorization: `Bearer ${token}`,
          cookie: `connect.sid=${DEV.enneo.sessionId}; theme=dark`,
          key: DEV.voipcube.key,
        },
      },
    );
    expect(r.status).toBe(200);
    await r.arrayBuffer();
    const listing = await (await fetch(`${proxy.url}/__standin/requests`)).text();
    await proxy.close();

    const text = readFileSync(file, 'utf8');
    for (const secret of [token, DEV.enneo.sessionId, DEV.voipcube.key, queryToken]) {
      expect(text).not.toContain(secret);
      expect(listing).not.toContain(secret);
      expect(logged.join('\n')).not.toContain(secret);
    }
    const { request } = (JSON.parse(text) as Har).log.entries[0]!;
    const header = (name: string) => request.headers.find((h) => h.name === name)?.value;
    expect(header('authorization')).toMatch(/^Bearer eyJh…\(\d+ chars\)$/);
    expect(header('host')).toBe(new URL(standin.origin).host);
    expect(request.cookies.map((c) => c.name)).toEqual(['connect.sid', 'theme']);
    expect(request.cookies[1]!.value).not.toBe('dark');
    expect(request.queryString).toEqual([
      { name: 'format', value: 'json' },
      { name: 'limit', value: '1' },
      { name: 'access_token', value: 'quer…(23 chars)' },
    ]);
    expect(request.url).toBe(
      `${standin.origin}/enneo/api/mind/export/reporting_worklog?format=json&limit=1&access_token=quer%E2%80%A6%2823+chars%29`,
    );
  });
});
