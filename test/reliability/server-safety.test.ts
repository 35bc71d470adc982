/**
 * The server's own safety (issue 9): body size limits, header and request timeouts that work,
 * security headers that do not get in an integrator's way, 127.0.0.1 by default, controls that
 * refuse off-loopback callers without the admin token, and a graceful stop under load that loses
 * no in-flight answer.
 */
import { EventEmitter } from 'node:events';
import { request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { runCli } from '../../src/cli/run.ts';
import { listen, SERVER_TIMEOUTS, stopOnSignals } from '../../src/cli/server.ts';
import { createClient, DEV, enneoToken, NOW, type Running, smallWorld, startServer } from './helpers.ts';

/** Sends a real body of `bytes` bytes; resolves with the answer even when the server stops reading early. */
function upload(
  port: number,
  method: string,
  path: string,
  bytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started }));
    });
    r.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    chunk[0] = '"'.charCodeAt(0);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent);
        sent += n;
        if (!r.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          r.once('drain', pump);
          return;
        }
      }
      r.end();
    };
    pump();
  });
}

const TEN_MB = 10 * 1024 * 1024;

describe('body size limits', () => {
  let running: Running;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    running = await startServer();
    client = createClient(running.port);
  });
  afterAll(async () => {
    client?.close();
    await running?.close();
  });

  it('a 10 MB JSON body to PUT /__standin/settings is a 413 at once, and nothing changes', async () => {
    const before = (await client.send({ method: 'GET', path: '/__standin/settings' })).body.toString();
    const res = await upload(running.port, 'PUT', '/__standin/settings', TEN_MB, {
      'content-type': 'application/json',
      'content-length': String(TEN_MB),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'the request body is larger than 65536 bytes; control bodies are small JSON objects',
    });
    expect((await client.send({ method: 'GET', path: '/__standin/settings' })).body.toString()).toBe(before);
    expect((await client.send({ method: 'GET', path: '/__standin/health' })).status).toBe(200);
  });

  it('the same 10 MB sent chunked (no length) is refused at 64 kB with a 413', async () => {
    const res = await upload(running.port, 'PUT', '/__standin/settings', TEN_MB, {
      'content-type': 'application/json',
      'transfer-encoding': 'chunked',
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a 10 MB body to a vendor endpoint is a 413 in the vendor shape', async () => {
    const res = await upload(running.port, 'GET', '/voipcube/stats/user-statuses', TEN_MB, {
      key: DEV.voipcube.key,
      'content-length': String(TEN_MB),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'the request body is larger than 1048576 bytes',
    });
  });

  it('after the oversized bodies, memory was not spent on them and the server answers', async () => {
    const res = await client.send({
      method: 'GET',
      path: '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02',
      headers: { key: DEV.voipcube.key },
    });
    expect(res.status).toBe(200);
    expect(running.internalErrors).toEqual([]);
  });
});

describe('timeouts of the server standin listens with', () => {
  it('are set: headers 15 s, whole request 30 s, idle keep-alive 5 s, checked every second', async () => {
    const server = await listen(createApp({ world: smallWorld() }), '127.0.0.1', 0);
    try {
      expect(server.headersTimeout).toBe(15_000);
      expect(server.requestTimeout).toBe(30_000);
      expect(server.keepAliveTimeout).toBe(5_000);
      expect(SERVER_TIMEOUTS.checkEveryMs).toBe(1_000);
    } finally {
      server.close();
    }
  });

  /** Connects, runs `talk`, resolves with what came back and when the server closed the socket. */
  function hold(
    port: number,
    talk: (write: (s: string) => void) => void,
  ): Promise<{ ms: number; text: string }> {
    const started = performance.now();
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('connect', () => talk((s) => socket.writable && socket.write(s)));
      socket.on('data', (d) => {
        text += d;
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve({ ms: performance.now() - started, text }));
    });
  }

  it('a client trickling its headers (slowloris) is cut off with a 408 when headersMs runs out', async () => {
    const server = await listen(createApp({ world: smallWorld() }), '127.0.0.1', 0, {
      headersMs: 400,
      requestMs: 2_000,
      keepAliveMs: 300,
      checkEveryMs: 100,
    });
    const port = (server.address() as { port: number }).port;
    try {
      const result = await hold(port, (write) => {
        write('GET /__standin/health HTTP/1.1\r\nHost: x\r\n');
        const t = setInterval(() => write('X-Drip: 1\r\n'), 50);
        setTimeout(() => clearInterval(t), 3_000);
      });
      expect(result.text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(JSON.parse(result.text.slice(result.text.indexOf('\r\n\r\n') + 4)).message).toBe(
        'the request did not arrive completely in time',
      );
      expect(result.ms).toBeGreaterThanOrEqual(400);
      expect(result.ms).toBeLessThan(1_500);
    } finally {
      server.close();
    }
  });

  it('a body that never ends is cut off when requestMs runs out; an idle keep-alive socket after keepAliveMs', async () => {
    const server = await listen(createApp({ world: smallWorld() }), '127.0.0.1', 0, {
      headersMs: 400,
      requestMs: 800,
      keepAliveMs: 300,
      checkEveryMs: 100,
    });
    const port = (server.address() as { port: number }).port;
    try {
      const body = await hold(port, (write) => {
        write(
          'PUT /__standin/settings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
        );
      });
      expect(body.ms).toBeGreaterThanOrEqual(800);
      expect(body.ms).toBeLessThan(2_000);

      const idle = await hold(port, (write) => write('GET /__standin/health HTTP/1.1\r\nHost: x\r\n\r\n'));
      expect(idle.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(idle.ms).toBeGreaterThanOrEqual(300);
      expect(idle.ms).toBeLessThan(1_500);
    } finally {
      server.close();
    }
  });
});

describe('security headers', () => {
  let running: Running;
  let client: ReturnType<typeof createClient>;
  let token: string;
  beforeAll(async () => {
    running = await startServer();
    client = createClient(running.port);
    token = await enneoToken();
  });
  afterAll(async () => {
    client?.close();
    await running?.close();
  });

  const answers = () =>
    [
      [
        'enneo json',
        '/enneo/api/mind/export/reporting_worklog?limit=1',
        { authorization: `Bearer ${token}` },
      ],
      [
        'enneo csv',
        '/enneo/api/mind/export/reporting_worklog?limit=1&format=csv',
        { authorization: `Bearer ${token}` },
      ],
      [
        'enneo xlsx',
        '/enneo/api/mind/export/reporting_worklog?limit=1&format=xlsx',
        { authorization: `Bearer ${token}` },
      ],
      ['voipcube', '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02', { key: DEV.voipcube.key }],
      ['autozod 401', '/autozod/api/sessionLogs/list', {}],
      ['a control', '/__standin/health', {}],
      ['a 404', '/nowhere', {}],
      ['a contract', '/voipcube/openapi.json', {}],
    ] as const;

  it('every API answer says nosniff and nothing else a client would have to work around', async () => {
    for (const [name, path, headers] of answers()) {
      const res = await client.send({
        method: 'GET',
        path,
        headers: { ...headers, origin: 'http://app.example' },
      });
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['content-security-policy'], name).toBeUndefined();
      expect(res.headers['strict-transport-security'], name).toBeUndefined();
      expect(res.headers['x-powered-by'], name).toBeUndefined();
      // CORS is left as a vendor would leave it: standin adds no allow and no refusal.
      expect(
        Object.keys(res.headers).filter((h) => h.startsWith('access-control-')),
        name,
      ).toEqual([]);
    }
  });

  it('the docs pages carry a CSP that lets their own scripts, styles and try-it-out calls run', async () => {
    for (const path of ['/', '/docs/voipcube/']) {
      const res = await client.send({ method: 'GET', path });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      // Every script the page loads is on this origin, so the CSP does not block it.
      const scripts = [...res.body.toString().matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
      expect(scripts.filter((src) => /^(https?:)?\/\//.test(src))).toEqual([]);
    }
  });
});

describe('where standin listens and who may use the controls', () => {
  it('serve listens on 127.0.0.1 unless --host says otherwise', async () => {
    const lines: string[] = [];
    const signals = new EventEmitter();
    const exit = runCli(['serve', '--port', '0', '--agents', '2', '--days', '10', '--tickets', '10'], {
      logger: { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      signals,
      now: () => NOW,
      version: '0.0.0-test',
    });
    const deadline = Date.now() + 20_000;
    while (!lines.includes('Ctrl-C to stop') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const docs = lines.find((l) => l.trim().startsWith('Docs')) ?? '';
    expect(docs).toMatch(/http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = Number(/:(\d+)\/$/.exec(docs)?.[1]);
    const external = externalIPv4();
    if (external) {
      // Not reachable from another interface of this machine.
      const outcome = await new Promise<string>((resolve) => {
        const s = connect(port, external);
        s.on('connect', () => {
          s.destroy();
          resolve('connected');
        });
        s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    }
    signals.emit('SIGTERM', 'SIGTERM');
    expect(await exit).toBe(0);
  });

  /** This machine's first non-loopback IPv4 address, if it has one. */
  function externalIPv4(): string | undefined {
    return Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  }

  /** GET through a given local address (so the server sees that address as the caller). */
  function getFrom(host: string, port: number, path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const r = httpRequest({ host, port, path, headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      r.on('error', reject);
      r.end();
    });
  }

  const external = externalIPv4();
  it.skipIf(!external)(
    'off loopback (a real interface), the controls answer 403 and the vendors answer',
    async () => {
      const server = await listen(createApp({ world: smallWorld() }), '0.0.0.0', 0);
      const port = (server.address() as { port: number }).port;
      try {
        const refused = await getFrom(external!, port, '/__standin/settings', {
          'x-forwarded-for': '127.0.0.1',
        });
        expect(refused.status).toBe(403);
        expect(JSON.parse(refused.body)).toEqual({
          code: 'FORBIDDEN',
          message:
            'the mock controls answer only on loopback; start standin with --admin-token to reach them from elsewhere',
        });
        const vendor = await getFrom(
          external!,
          port,
          '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02',
          {
            key: DEV.voipcube.key,
          },
        );
        expect(vendor.status).toBe(200);
        expect((await getFrom('127.0.0.1', port, '/__standin/settings')).status).toBe(200);
      } finally {
        server.close();
      }
    },
  );

  it.skipIf(!external)(
    'with an admin token, the controls answer off loopback only to that token, and on loopback too',
    async () => {
      const server = await listen(
        createApp({ world: smallWorld(), adminToken: 'safety-admin-token' }),
        '0.0.0.0',
        0,
      );
      const port = (server.address() as { port: number }).port;
      try {
        const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
        expect(
          (await getFrom(external!, port, '/__standin/settings', bearer('safety-admin-token'))).status,
        ).toBe(200);
        expect(
          (await getFrom(external!, port, '/__standin/settings', bearer('safety-admin-tokeN'))).status,
        ).toBe(403);
        expect((await getFrom(external!, port, '/__standin/settings')).status).toBe(403);
        expect((await getFrom('127.0.0.1', port, '/__standin/settings')).status).toBe(403);
        expect(
          (await getFrom('127.0.0.1', port, '/__standin/settings', bearer('safety-admin-token'))).status,
        ).toBe(200);
      } finally {
        server.close();
      }
    },
  );
});

/** The cell values of an xlsx workbook's first sheet. */
async function sheetValues(xlsx: Buffer): Promise<unknown[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const rows: unknown[] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push(row.values));
  return rows;
}

describe('graceful shutdown under load', () => {
  it('every request in flight when SIGTERM arrives gets its whole answer; then the port is closed', async () => {
    const token = await enneoToken();
    const server: Server = await listen(createApp({ world: smallWorld(), clock: () => NOW }), '127.0.0.1', 0);
    const port = (server.address() as { port: number }).port;
    const signals = new EventEmitter();
    const logs: string[] = [];
    const stopped = stopOnSignals(
      server,
      signals,
      { out: (l) => logs.push(l), err: (l) => logs.push(l) },
      10_000,
    );
    let received = 0;

    const kinds: { path: string; headers: Record<string, string> }[] = [
      {
        path: '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-30',
        headers: { key: DEV.voipcube.key },
      },
      {
        path: '/enneo/api/mind/export/reporting_worklog?limit=1000&format=xlsx',
        headers: { authorization: `Bearer ${token}` },
      },
      {
        path: '/enneo/api/mind/export/reporting_worklog?limit=1000&format=csv',
        headers: { authorization: `Bearer ${token}` },
      },
      {
        path: '/autozod/api/sessionLogs/list?team_id=1000&start_date=01-09-2025&end_date=30-09-2025',
        headers: { authorization: `Bearer ${DEV.autozod.token}` },
      },
    ];
    // What each answers when nobody is stopping the server.
    const reference = createClient(port, 4);
    const expected = await Promise.all(
      kinds.map(async (k) => (await reference.send({ method: 'GET', ...k })).body),
    );
    reference.close();

    // 80 requests on their own connections, each held 600–900 ms by a delay, so all are in flight at SIGTERM.
    server.on('request', () => {
      received += 1;
    });
    const inFlight = Array.from({ length: 80 }, (_, i) => {
      const kind = i % kinds.length;
      const client = createClient(port);
      return client
        .send({
          method: 'GET',
          ...kinds[kind]!,
          headers: { ...kinds[kind]!.headers, prefer: `delay=${600 + (i % 4) * 100}` },
        })
        .then((res) => {
          client.close();
          return { kind, res };
        });
    });
    // In flight means received: a connection still in the kernel's accept queue when the listener
    // closes is reset by the kernel, as with any server, and the client sees a refused connect.
    while (received < 80) await new Promise((r) => setTimeout(r, 5));
    signals.emit('SIGTERM', 'SIGTERM');
    const results = await Promise.all(inFlight);

    expect(
      results.filter((r) => r.res.dropped || r.res.status !== 200).map((r) => r.res.dropped ?? r.res.status),
    ).toEqual([]);
    for (const { kind, res } of results) {
      // exceljs stamps each workbook with the time it was written: xlsx answers match cell by cell.
      if (kind === 1) expect(await sheetValues(res.body)).toEqual(await sheetValues(expected[1]!));
      else expect(res.body.equals(expected[kind]!)).toBe(true);
    }
    expect(await stopped).toBe(0);
    expect(logs[0]).toMatch(/^SIGTERM: stopping after (7\d|80) in-flight request\(s\) finish/);
    const after = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(after).toBe('ECONNREFUSED');
  });
});
