/**
 * `npm run bench:soak`: the long soak of issue 9, not part of `npm test`. standin runs in a child
 * process (the CLI's own `listen`, so its RSS is its own) over the default world; autocannon sends
 * a few hundred thousand requests mixed over all four endpoints (with some refused on purpose),
 * then a run under server-wide fault rules (10% 503s, 10% delays) with `Prefer: fault=reset`
 * clients alongside. RSS is read after a GC before and after the soak: the journal and caches are
 * bounded, so it stays flat. Prints a table; exits 1 when an answer was wrong or memory grew.
 *
 * Options: `--requests N` (default 300000), `--fault-requests N` (default 60000),
 * `--connections N` (default 16).
 */
import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { defaultEnneoToken } from '../mocks/enneo/token.ts';
import { createApp } from '../src/app.ts';
import { listen } from '../src/cli/server.ts';
import { DEFAULT_CREDENTIALS } from '../src/config/credentials.ts';
import { generateWorld } from '../src/world/index.ts';
import { installCleanup, nextMessage, spawnTsChild, stopChild } from './lib/children.ts';
import { fetchBody } from './lib/http-get.ts';
import { readMemory } from './lib/rss.ts';

export interface SoakOptions {
  requests: number;
  faultRequests: number;
  connections: number;
}

export const DEFAULT_SOAK: SoakOptions = { requests: 300_000, faultRequests: 60_000, connections: 16 };

/** One load phase as the table shows it. */
export interface PhaseResult {
  phase: string;
  requests: number;
  reqPerSec: number;
  p99Ms: number;
  /** Answers with the status and body expected of their request. */
  correct: number;
  /** Injected 503s (fault phase) or refusals asked for (4xx requests in the mix). */
  expectedFailures: number;
  /** Anything else: a wrong status or body, a connection error, a timeout. */
  wrong: number;
  rssAfterMb: number;
}

export interface SoakResult {
  phases: PhaseResult[];
  rssStartMb: number;
  rssEndMb: number;
  heapStartMb: number;
  heapEndMb: number;
  journalEntries: number;
  resets: { sent: number; dropped: number };
  /** Connections the server held after every client was gone: 0 when none leaked. */
  socketsAfter: number;
  ok: boolean;
}

/** A request of the mix: what it must answer. `body` is filled in before the load starts. */
interface MixEntry {
  path: string;
  headers: Record<string, string>;
  status: number;
  body?: string;
}

async function mix(): Promise<MixEntry[]> {
  const dev = DEFAULT_CREDENTIALS;
  const enneo = { authorization: `Bearer ${await defaultEnneoToken(dev.enneo.jwtSecret)}` };
  const voip = { key: dev.voipcube.key };
  const az = { authorization: `Bearer ${dev.autozod.token}` };
  const out: MixEntry[] = [];
  const ok = (path: string, headers: Record<string, string>) => out.push({ path, headers, status: 200 });
  const fields = ['date', 'ticketId', 'duration', 'channel', 'email', 'status'];
  fields.forEach((field, i) => {
    ok(
      `/enneo/api/mind/export/reporting_worklog?limit=${[10, 50, 200][i % 3]}&offset=${i * 37}&orderByField=${field}&orderByDirection=${i % 2 ? 'asc' : 'desc'}`,
      enneo,
    );
  });
  ok('/enneo/api/mind/export/reporting_worklog?limit=50&format=csv', enneo);
  for (const id of [10001, 10050, 10400, 10999]) ok(`/enneo/api/mind/ticket/${id}/worklog`, enneo);
  for (const [from, to] of [
    ['2025-09-01', '2025-09-02'],
    ['2025-08-01', '2025-08-08'],
    ['2025-06-01', '2025-06-30'],
  ]) {
    ok(`/voipcube/stats/user-statuses?from=${from}&to=${to}&page=2&size=50`, voip);
    ok(`/voipcube/stats/user-statuses?from=${from}&to=${to}`, voip);
  }
  for (const [start, end] of [
    ['01-09-2025', '07-09-2025'],
    ['01-08-2025', '31-08-2025'],
  ]) {
    ok(`/autozod/api/sessionLogs/list?team_id=1000&start_date=${start}&end_date=${end}`, az);
  }
  // Refusals asked for: they exercise the error exits and fill the journal too.
  out.push({ path: '/voipcube/stats/user-statuses?from=2025-09-01', headers: voip, status: 400 });
  out.push({ path: '/autozod/api/sessionLogs/list?team_id=1000', headers: {}, status: 401 });
  out.push({ path: '/enneo/api/mind/export/reporting_worklog?limit=0', headers: enneo, status: 400 });
  return out;
}

/** The standin child: the CLI's server over the default world, driven over IPC. */
async function serveAsChild(): Promise<void> {
  const server = await listen(createApp({ world: generateWorld() }), '127.0.0.1', 0);
  const send = (message: object) => process.send?.(message);
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'gc') {
      global.gc?.();
      global.gc?.();
      send({ type: 'gc-done', heapUsed: process.memoryUsage().heapUsed });
    } else if (message.type === 'connections') {
      server.getConnections((_err, count) => send({ type: 'connections', count }));
    }
  });
  send({ type: 'ready', port: (server.address() as { port: number }).port });
}

/** Sends one message to the child and waits for its answer. */
async function ask<T extends { type: string }>(
  child: ChildProcess,
  type: string,
  answer: T['type'],
): Promise<T> {
  const reply = nextMessage<T>(child, answer, 30_000);
  child.send({ type });
  return reply;
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** One autocannon run over the mix; every answer is checked against what its request must answer. */
async function run(
  origin: string,
  entries: MixEntry[],
  amount: number,
  connections: number,
  injected?: RegExp,
): Promise<Omit<PhaseResult, 'phase' | 'rssAfterMb'>> {
  let correct = 0;
  let expectedFailures = 0;
  let wrong = 0;
  const result = await autocannon({
    url: origin,
    connections,
    amount,
    timeout: 30,
    requests: entries.map((e) => ({
      method: 'GET' as const,
      path: e.path,
      headers: e.headers,
      onResponse: (status: number, body: string) => {
        if (status === e.status && (e.status !== 200 || body === e.body)) {
          if (e.status === 200) correct += 1;
          else expectedFailures += 1;
        } else if (injected && status === 503 && injected.test(body)) expectedFailures += 1;
        else wrong += 1;
      },
    })),
  });
  return {
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.total / Math.max(result.duration, 0.001)),
    p99Ms: result.latency.p99,
    correct,
    expectedFailures,
    wrong: wrong + result.errors + result.timeouts,
  };
}

/** `count` requests asking to be dropped, `parallel` at a time; resolves with how many were. */
async function resets(
  port: number,
  path: string,
  headers: Record<string, string>,
  count: number,
  parallel = 4,
) {
  let dropped = 0;
  let next = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const r = httpRequest(
        { host: '127.0.0.1', port, path, headers: { ...headers, prefer: 'fault=reset' }, agent: false },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      r.on('error', () => {
        dropped += 1;
        resolve();
      });
      r.end();
    });
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        await one();
      }
    }),
  );
  return dropped;
}

async function postJson(port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const r = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    r.on('error', reject);
    r.end(text);
  });
}

/**
 * Runs the soak against a standin child and returns the figures; the child is stopped at the end.
 * @example const result = await runSoak({ ...DEFAULT_SOAK, requests: 50_000 }); console.log(formatSoak(result));
 */
export async function runSoak(options: SoakOptions = DEFAULT_SOAK): Promise<SoakResult> {
  installCleanup();
  const child = spawnTsChild('soak.ts', ['--expose-gc'], { role: 'soak-server' });
  try {
    const { port } = await nextMessage<{ type: 'ready'; port: number }>(child, 'ready', 120_000);
    const origin = `http://127.0.0.1:${port}`;
    /** The child's heap and RSS after a full GC, once freed pages had a moment to go back. */
    const settled = async () => {
      const { heapUsed } = await ask<{ type: 'gc-done'; heapUsed: number }>(child, 'gc', 'gc-done');
      await new Promise((r) => setTimeout(r, 250));
      return { heapMb: mb(heapUsed), rssMb: mb(readMemory(child.pid!)?.rss ?? 0) };
    };
    const entries = await mix();
    for (const e of entries) {
      const res = await fetchBody(`${origin}${e.path}`, e.headers);
      if (res.status !== e.status) throw new Error(`${e.path} answered ${res.status}, not ${e.status}`);
      e.body = res.body.toString();
    }
    const phases: PhaseResult[] = [];
    const phase = async (name: string, amount: number, injected?: RegExp) => {
      const figures = await run(origin, entries, amount, options.connections, injected);
      phases.push({ phase: name, ...figures, rssAfterMb: (await settled()).rssMb });
    };

    await phase('warm-up', 20_000);
    const start = await settled();
    await phase('soak: mixed load', options.requests);
    const end = await settled();
    const journal = JSON.parse((await fetchBody(`${origin}/__standin/requests`)).body.toString()) as {
      requests: unknown[];
    };

    await postJson(port, '/__standin/faults', { probability: 0.1, code: 503, seed: 9 });
    await postJson(port, '/__standin/faults', { probability: 0.1, delayMs: 50, seed: 10 });
    const resetCount = Math.round(options.faultRequests / 50);
    const voip = entries.find((e) => e.path.startsWith('/voipcube/'))!;
    const [, dropped] = await Promise.all([
      phase(
        'faults: 10% 503, 10% +50 ms',
        options.faultRequests,
        /fault injected: status 503 \(fault rule rule-1\)/,
      ),
      resets(port, voip.path, voip.headers, resetCount),
    ]);
    await postJson(port, '/__standin/reset', {});

    let socketsAfter = -1;
    for (let i = 0; i < 100 && socketsAfter !== 0; i += 1) {
      socketsAfter = (await ask<{ type: 'connections'; count: number }>(child, 'connections', 'connections'))
        .count;
      if (socketsAfter !== 0) await new Promise((r) => setTimeout(r, 50));
    }

    const wrong = phases.reduce((n, p) => n + p.wrong, 0);
    // Flat: what one soak adds after a GC stays within noise (the allocator keeps some pages).
    const grew = end.rssMb - start.rssMb > Math.max(20, start.rssMb * 0.1);
    return {
      phases,
      rssStartMb: start.rssMb,
      rssEndMb: end.rssMb,
      heapStartMb: start.heapMb,
      heapEndMb: end.heapMb,
      journalEntries: journal.requests.length,
      resets: { sent: resetCount, dropped },
      socketsAfter,
      ok:
        wrong === 0 &&
        !grew &&
        dropped === resetCount &&
        socketsAfter === 0 &&
        journal.requests.length <= 1000,
    };
  } finally {
    await stopChild(child);
  }
}

/** The soak's figures as a small table. */
export function formatSoak(result: SoakResult): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const rows = [
    ['phase', 'requests', 'req/s', 'p99 ms', 'correct', 'asked-for', 'wrong', 'RSS MB after GC'],
    ...result.phases.map((p) => [
      p.phase,
      n(p.requests),
      n(p.reqPerSec),
      n(p.p99Ms),
      n(p.correct),
      n(p.expectedFailures),
      n(p.wrong),
      n(p.rssAfterMb),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    ...rows.map(line),
    '',
    `RSS after GC: ${result.rssStartMb} MB before the soak, ${result.rssEndMb} MB after (${result.rssEndMb - result.rssStartMb >= 0 ? '+' : ''}${result.rssEndMb - result.rssStartMb} MB); heap ${result.heapStartMb} → ${result.heapEndMb} MB`,
    `journal: ${result.journalEntries} entries kept (bounded at 1000)`,
    `Prefer: fault=reset under load: ${result.resets.dropped} of ${result.resets.sent} dropped; server connections afterwards: ${result.socketsAfter}`,
    result.ok ? 'OK: every answer right, memory flat, no socket leaked' : 'FAILED: see the figures above',
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string' },
      'fault-requests': { type: 'string' },
      connections: { type: 'string' },
    },
  });
  const options: SoakOptions = {
    requests: Number(values.requests ?? DEFAULT_SOAK.requests),
    faultRequests: Number(values['fault-requests'] ?? DEFAULT_SOAK.faultRequests),
    connections: Number(values.connections ?? DEFAULT_SOAK.connections),
  };
  process.stderr.write(
    `soak: ${options.requests} mixed requests, then ${options.faultRequests} under faults…\n`,
  );
  const result = await runSoak(options);
  process.stdout.write(`${formatSoak(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}

const argument = process.argv[2];
if (argument?.startsWith('{') && (JSON.parse(argument) as { role?: string }).role === 'soak-server') {
  await serveAsChild();
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
