import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SMALL } from './helpers.ts';
import { cli, type InProcessServer, startServe } from './in-process.ts';

const VOIPCUBE = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02';

/** One GET; resolves with the status and body, or the socket error's code. */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.end();
  });
}

let current: InProcessServer | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

describe('standin serve', () => {
  it('prints a banner with each base URL and a working credential, the world, the controls and how to stop', async () => {
    current = await startServe(SMALL);
    const { origin, banner } = current;
    const text = banner.join('\n');
    expect(banner[0]).toMatch(
      /^standin \d+\.\d+\.\d+ — seed 42, anchor 2025-09-30 \(2 agents, 10 days, 10 tickets\)$/,
    );
    expect(text).toContain(`  Enneo     ${origin}/enneo/api/mind`);
    expect(text).toMatch(/ {14}Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+\n/);
    expect(text).toContain('Cookie: connect.sid=standin-enneo-dev-session');
    expect(text).toContain(`  VoIPcube  ${origin}/voipcube\n              Key: standin-voipcube-dev-key`);
    expect(text).toContain(
      `  Autozod   ${origin}/autozod\n              Authorization: Bearer standin-autozod-dev-token`,
    );
    expect(text).toContain(`  Docs      ${origin}/`);
    expect(text).toContain(`  Controls  ${origin}/__standin/ (loopback only)`);
    expect(banner.at(-1)).toBe('Ctrl-C to stop');
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The credential the banner shows works.
    const res = await get(`${origin}${VOIPCUBE}`, { Key: 'standin-voipcube-dev-key' });
    expect(res.status).toBe(200);
    const token = /Bearer (eyJ\S+)/.exec(text)![1]!;
    expect(
      (await get(`${origin}/enneo/api/mind/export/reporting_worklog`, { Authorization: `Bearer ${token}` }))
        .status,
    ).toBe(200);
  });

  it('takes settings and credentials from flags and env', async () => {
    current = await startServe([...SMALL, '--voipcube-key', 'my-key', '--enneo-default-format', 'csv'], {
      STANDIN_ENNEO_PRIVACY: 'pseudonymized',
      STANDIN_ADMIN_TOKEN: 'an-admin-token-123',
    });
    const { origin, banner } = current;
    expect(banner.join('\n')).toContain('Key: my-key');
    expect(banner.join('\n')).toContain('/__standin/ (admin token required)');
    expect(banner.join('\n')).not.toContain('an-admin-token-123');
    expect((await get(`${origin}${VOIPCUBE}`, { Key: 'my-key' })).status).toBe(200);
    expect((await get(`${origin}${VOIPCUBE}`, { Key: 'standin-voipcube-dev-key' })).status).toBe(401);
    expect((await get(`${origin}/__standin/settings`)).status).toBe(403);
    const settings = await get(`${origin}/__standin/settings`, {
      Authorization: 'Bearer an-admin-token-123',
    });
    expect(JSON.parse(settings.body!)).toEqual({
      enneo: { reportingPrivacyLevel: 'pseudonymized', defaultDateExportFormat: 'csv' },
    });
  });

  it('--anchor now is today (UTC)', async () => {
    current = await startServe([...SMALL, '--anchor', 'now', '--seed', '7']);
    const today = new Date().toISOString().slice(0, 10);
    expect(current.banner[0]).toContain(`seed 7, anchor ${today} (`);
  });

  it('SIGTERM during slow requests: every response still arrives, then the process exits 0', async () => {
    current = await startServe(SMALL);
    const { origin, signal, exited } = current;
    const others = [300, 500, 700, 900].map((ms) =>
      get(`${origin}${VOIPCUBE}`, { Key: 'standin-voipcube-dev-key', Prefer: `delay=${ms}` }),
    );
    const slow = get(`${origin}${VOIPCUBE}`, { Key: 'standin-voipcube-dev-key', Prefer: 'delay=1000' });
    await new Promise((r) => setTimeout(r, 250));
    signal('SIGTERM');
    await new Promise((r) => setTimeout(r, 150));
    // No new connections once stopping.
    expect((await get(`${origin}/__standin/health`)).error).toBe('ECONNREFUSED');
    const res = await slow;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body!)).toBeInstanceOf(Array);
    expect((await Promise.all(others)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await exited).toBe(0);
    expect(current.stderr()).toBe(
      'SIGTERM: stopping after 5 in-flight request(s) finish (press Ctrl-C again to force)\n',
    );
  });

  it('a keep-alive connection is closed once its answer is sent, not kept until it times out', async () => {
    current = await startServe(SMALL);
    const { origin, signal, exited } = current;
    // A raw client that keeps its connection open after the answer, as a pooling client does.
    const socket = connect(Number(new URL(origin).port), '127.0.0.1');
    socket.write(
      `GET ${VOIPCUBE} HTTP/1.1\r\nHost: x\r\nKey: standin-voipcube-dev-key\r\nPrefer: delay=800\r\nConnection: keep-alive\r\n\r\n`,
    );
    let received = '';
    const answered = new Promise<number>((resolve) =>
      socket.on('data', (d) => {
        received += d;
        if (received.includes('\r\n\r\n[')) resolve(Date.now());
      }),
    );
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise((r) => setTimeout(r, 200));
    signal('SIGTERM');
    const at = await answered;
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(await exited).toBe(0);
    await closed;
    // Left open, the connection would hold the stop for the 5 s keep-alive timeout.
    expect(Date.now() - at).toBeLessThan(2000);
  });

  it('SIGINT with nothing in flight exits 0 at once', async () => {
    current = await startServe(SMALL);
    const started = Date.now();
    current.signal('SIGINT');
    expect(await current.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(current.stderr()).toBe('SIGINT: stopping\n');
  });

  it('a second signal forces: remaining connections are dropped and the exit status is 1', async () => {
    current = await startServe(SMALL);
    const { origin, signal, exited } = current;
    const slow = get(`${origin}${VOIPCUBE}`, { Key: 'standin-voipcube-dev-key', Prefer: 'delay=20000' });
    await new Promise((r) => setTimeout(r, 250));
    signal('SIGINT');
    await new Promise((r) => setTimeout(r, 150));
    signal('SIGINT');
    expect(await exited).toBe(1);
    expect((await slow).error).toBeDefined();
    expect(current.stderr()).toContain('SIGINT again: stopped without waiting for 1 in-flight request(s)');
  });
});

describe('standin fixtures, then serve --fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'standin-fixtures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a fixture folder that serve then serves as it is', async () => {
    const out = join(dir, 'out');
    const written = await cli(['fixtures', '--out', out, '--seed', '5', '--anchor', '2025-06-30', ...SMALL]);
    expect(written.stderr).toBe('');
    expect(written.stdout).toBe(`wrote fixtures for seed 5, anchor 2025-06-30 to ${out}\n`);
    expect(written.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(out).length).toBeGreaterThan(0);

    current = await startServe(['--fixtures', out]);
    expect(current.banner[0]).toMatch(
      new RegExp(`^standin \\S+ — fixtures from ${out} \\(seed 5, anchor 2025-06-30\\)$`),
    );
    const res = await get(`${current.origin}/voipcube/stats/user-statuses?from=2025-06-20&to=2025-07-01`, {
      Key: 'standin-voipcube-dev-key',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body!).length).toBeGreaterThan(0);
  });
});
