/**
 * Credentials never appear where others read them: not in the request journal, not in error
 * bodies, not in what the CLI logs while serving, not in `standin verify` reports (console, JSON,
 * JUnit) — whether the target accepts them, refuses them, or echoes them back.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken, mintEnneoToken } from '../../mocks/enneo/token.ts';
import { runCli } from '../../src/cli/run.ts';
import { formatConsole, formatJson, formatJunit, runVerify } from '../../src/contract/suite/index.ts';
import type { Target } from '../../src/contract/suite/types.ts';
import { createClient, type Req, type Running, startServer } from './helpers.ts';

/** Distinctive credentials, with characters that percent-encoding changes. */
const CREDS = {
  enneo: { jwtSecret: 'jwt-Secret+/=Reliability-91', sessionId: 'sid+Reliability/4b7=' },
  voipcube: { key: 'vc-Key+/=Reliability-5e1' },
  autozod: { token: 'az-Token+/=Reliability-c02' },
};
const ADMIN = 'admin-Token-Reliability-77';

let token: string;
/** Every secret, and the forms it may take on the wire. */
let needles: string[];

function forms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')];
}

/** The requests a careless or hostile client sends: credentials everywhere a value can go. */
function leakyRequests(): Req[] {
  const secrets = [
    token,
    CREDS.enneo.sessionId,
    CREDS.voipcube.key,
    CREDS.autozod.token,
    ADMIN,
    CREDS.enneo.jwtSecret,
  ];
  const paths: [string, Record<string, string>][] = [
    ['/enneo/api/mind/export/reporting_worklog', { authorization: `Bearer ${token}` }],
    ['/enneo/api/mind/ticket/10001/worklog', { cookie: `connect.sid=${CREDS.enneo.sessionId}` }],
    ['/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02', { key: CREDS.voipcube.key }],
    [
      '/autozod/api/sessionLogs/list?team_id=1000&start_date=01-09-2025&end_date=02-09-2025',
      { authorization: `Bearer ${CREDS.autozod.token}` },
    ],
  ];
  const params = [
    'token',
    'key',
    'limit',
    'offset',
    'format',
    'from',
    'to',
    'userIds[]',
    'page',
    'team_id',
    'agent_id',
    'type',
    'start_date',
    'end_date',
  ];
  const out: Req[] = [];
  for (const [path, auth] of paths) {
    const join = path.includes('?') ? '&' : '?';
    out.push(
      { method: 'GET', path, headers: { authorization: `Bearer ${token}` } },
      {
        method: 'GET',
        path,
        headers: { cookie: `connect.sid=${CREDS.enneo.sessionId}; other=${CREDS.autozod.token}` },
      },
      { method: 'GET', path, headers: { key: CREDS.voipcube.key } },
      { method: 'GET', path, headers: { authorization: `Bearer ${CREDS.autozod.token}` } },
      {
        method: 'GET',
        path,
        headers: { authorization: `Basic ${Buffer.from(`u:${CREDS.voipcube.key}`).toString('base64')}` },
      },
      { method: 'GET', path, headers: { authorization: `Bearer ${ADMIN}`, 'x-admin-token': ADMIN } },
      {
        method: 'GET',
        path,
        headers: {
          'x-debug': CREDS.voipcube.key,
          'user-agent': `curl ${CREDS.autozod.token}`,
          referer: `http://x/?t=${token}`,
        },
      },
      // Wrong credentials that contain the right ones.
      { method: 'GET', path, headers: { key: `${CREDS.voipcube.key}x`, authorization: `Bearer ${token}x` } },
    );
    // In every parameter, without credentials and (so that the parameter is read) with them.
    for (const secret of secrets) {
      for (const name of params) {
        const misplaced = `${path}${join}${name}=${encodeURIComponent(secret)}`;
        out.push({ method: 'GET', path: misplaced }, { method: 'GET', path: misplaced, headers: auth });
      }
    }
  }
  for (const secret of secrets) {
    out.push({ method: 'GET', path: `/enneo/api/mind/ticket/${encodeURIComponent(secret)}/worklog` });
    out.push({
      method: 'GET',
      path: `/voipcube/${encodeURIComponent(secret)}`,
      headers: { key: CREDS.voipcube.key },
    });
    out.push({
      method: 'GET',
      path: `/__standin/${encodeURIComponent(secret)}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
  }
  return out;
}

/** Which needles a text contains: there must be none. */
const found = (text: string) => needles.filter((n) => text.includes(n));

beforeAll(async () => {
  token = await defaultEnneoToken(CREDS.enneo.jwtSecret);
  const minted = await mintEnneoToken(CREDS.enneo.jwtSecret, { userId: 11, expiresIn: '1h' });
  needles = [
    ...[CREDS.enneo.jwtSecret, CREDS.enneo.sessionId, CREDS.voipcube.key, CREDS.autozod.token, ADMIN].flatMap(
      forms,
    ),
    token,
    minted,
    // A token's signature is what makes it a credential: no part of the report may carry it.
    token.split('.')[2]!,
  ];
});

describe('the request journal and the error bodies', () => {
  let running: Running;
  let client: ReturnType<typeof createClient>;
  const bodies: string[] = [];

  beforeAll(async () => {
    running = await startServer({ credentials: CREDS, adminToken: ADMIN, journalLimit: 5000 });
    client = createClient(running.port);
    for (const req of leakyRequests()) {
      const res = await client.send(req);
      bodies.push(`${res.status} ${JSON.stringify(res.headers)} ${res.body.toString()}`);
    }
  });
  afterAll(async () => {
    client?.close();
    await running?.close();
  });

  it('the journal keeps every request and none of the credentials', async () => {
    const res = await client.send({
      method: 'GET',
      path: '/__standin/requests',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
    const journal = res.body.toString();
    // Control requests are not journaled; every vendor request is.
    const vendorRequests = leakyRequests().filter((r) => !r.path.startsWith('/__standin/'));
    expect((JSON.parse(journal) as { requests: unknown[] }).requests).toHaveLength(vendorRequests.length);
    expect(found(journal)).toEqual([]);
  });

  it('the journal still shows how each request authenticated (scheme, header and cookie names)', async () => {
    const res = await client.send({
      method: 'GET',
      path: '/__standin/requests?vendor=voipcube',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    const entries = (JSON.parse(res.body.toString()) as { requests: { headers: Record<string, string> }[] })
      .requests;
    expect(entries.some((e) => e.headers.key?.startsWith('vc-K…'))).toBe(true);
    expect(entries.some((e) => e.headers.authorization?.startsWith('Bearer '))).toBe(true);
    expect(entries.some((e) => e.headers.cookie?.startsWith('connect.sid='))).toBe(true);
  });

  it('no answer carries a credential, in its headers or its body', () => {
    const leaking = bodies.filter((b) => found(b).length > 0);
    expect(leaking.map((b) => b.slice(0, 300))).toEqual([]);
  });
});

describe('the CLI log while serving', () => {
  it('shows the development credentials in the banner only, never the JWT secret, and logs none while serving', async () => {
    const lines: string[] = [];
    const logger = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const signals = new EventEmitter();
    const exit = runCli(
      [
        'serve',
        '--port',
        '0',
        '--agents',
        '3',
        '--days',
        '30',
        '--tickets',
        '40',
        '--enneo-secret',
        CREDS.enneo.jwtSecret,
        '--enneo-session',
        CREDS.enneo.sessionId,
        '--voipcube-key',
        CREDS.voipcube.key,
        '--autozod-token',
        CREDS.autozod.token,
        '--admin-token',
        ADMIN,
      ],
      { logger, signals, now: () => Date.parse('2025-10-01T08:00:00Z'), version: '0.0.0-test' },
    );
    const deadline = Date.now() + 20_000;
    while (!lines.includes('Ctrl-C to stop') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const bannerEnd = lines.length;
    const port = Number(/:(\d+)\/ *$/.exec(lines.find((l) => l.trim().startsWith('Docs')) ?? '')?.[1]);
    expect(port).toBeGreaterThan(0);

    const client = createClient(port);
    for (const req of leakyRequests()) await client.send(req);
    client.close();
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await exit).toBe(0);

    const serving = lines.slice(bannerEnd).join('\n');
    expect(serving).toMatch(/^SIGTERM: stopping/);
    expect(found(serving)).toEqual([]);
    expect(found(lines.join('\n'))).not.toContain(CREDS.enneo.jwtSecret);
    expect(lines.join('\n')).not.toContain(ADMIN);
  });
});

describe('standin verify reports', () => {
  let running: Running;
  let echo: Server;
  let echoOrigin: string;

  beforeAll(async () => {
    running = await startServer({ credentials: CREDS });
    // A target that answers every request with the credentials it was sent, in JSON and in a header.
    echo = createServer((req, res) => {
      const sent = {
        authorization: req.headers.authorization,
        key: req.headers.key,
        cookie: req.headers.cookie,
      };
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-Echo', JSON.stringify(sent).replace(/[^\x20-\x7e]/g, ''));
      res.end(JSON.stringify([{ ...sent, status: sent.key ?? sent.authorization, time: sent.cookie }]));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    echoOrigin = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await running?.close();
    echo?.closeAllConnections();
    await new Promise((resolve) => echo?.close(resolve));
  });

  const targets = (): [string, Target][] => [
    [
      'enneo with the token',
      { vendor: 'enneo', baseUrl: `${running.origin}/enneo/api/mind`, credentials: { token }, ids: {} },
    ],
    [
      'enneo with the cookie',
      {
        vendor: 'enneo',
        baseUrl: `${running.origin}/enneo/api/mind`,
        credentials: { cookie: `connect.sid=${CREDS.enneo.sessionId}` },
        ids: {},
      },
    ],
    [
      'voipcube',
      {
        vendor: 'voipcube',
        baseUrl: `${running.origin}/voipcube`,
        credentials: { key: CREDS.voipcube.key },
        ids: {},
      },
    ],
    [
      'autozod',
      {
        vendor: 'autozod',
        baseUrl: `${running.origin}/autozod`,
        credentials: { token: CREDS.autozod.token },
        ids: {},
      },
    ],
    [
      'voipcube refusing the key',
      {
        vendor: 'voipcube',
        baseUrl: `${running.origin}/voipcube`,
        credentials: { key: `${CREDS.voipcube.key}x` },
        ids: {},
      },
    ],
    [
      'enneo at an echoing target',
      { vendor: 'enneo', baseUrl: `${echoOrigin}/enneo/api/mind`, credentials: { token }, ids: {} },
    ],
    [
      'voipcube at an echoing target',
      {
        vendor: 'voipcube',
        baseUrl: `${echoOrigin}/voipcube`,
        credentials: { key: CREDS.voipcube.key },
        ids: {},
      },
    ],
    [
      'autozod at an echoing target',
      {
        vendor: 'autozod',
        baseUrl: `${echoOrigin}/autozod`,
        credentials: { token: CREDS.autozod.token },
        ids: {},
      },
    ],
  ];

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('target %i: no reporter prints a credential', async (i) => {
    const [name, target] = targets()[i]!;
    const report = await runVerify({
      target,
      strict: true,
      maxRequests: 400,
      ratePerSecond: 0,
      timeoutMs: 5_000,
      seed: 9,
    });
    const outputs = { console: formatConsole(report), json: formatJson(report), junit: formatJunit(report) };
    for (const [reporter, text] of Object.entries(outputs)) {
      expect(found(text), `${name}, ${reporter} reporter`).toEqual([]);
    }
    // The echoing targets must have put the credentials in front of the reporters.
    if (name.includes('echo')) expect(report.exitCode).not.toBe(0);
  });
});
