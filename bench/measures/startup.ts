/**
 * Where users feel standin's speed outside the load: `standin --help`, `serve` (default world) to
 * its first answer, and `verify --strict` against a local standin, one vendor at a time. The CLI
 * run is the package's own `bin` when it points at a file that exists (the compiled dist/ once it
 * is built), otherwise bin/standin.js through tsx; each row says which.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultEnneoToken } from '../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { spawnTracked, stopChild } from '../lib/children.ts';
import type { BenchContext } from '../lib/context.ts';
import { exportUrl } from '../lib/context.ts';
import { fetchBody } from '../lib/http-get.ts';
import { freePort } from '../lib/peer-server.ts';
import { pinned, SERVER_CPU } from '../lib/pin.ts';
import { type Measurement, measurement } from '../lib/report.ts';
import { spread } from '../lib/rounds.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDORS = ['enneo', 'voipcube', 'autozod'] as const;
/** Where standin serves each vendor's API (what `--base-url` takes). */
const VENDOR_BASE: Record<(typeof VENDORS)[number], string> = {
  enneo: '/enneo/api/mind',
  voipcube: '/voipcube',
  autozod: '/autozod',
};

/** The Node arguments that start the CLI users run, and how the rows describe it. */
export function cliEntry(root = ROOT): { argv: string[]; label: string } {
  const manifest = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    bin?: Record<string, string>;
  };
  const bin = manifest.bin?.standin;
  if (bin && existsSync(`${root}${bin}`)) {
    return { argv: [`${root}${bin}`], label: bin.startsWith('dist/') ? `compiled ${bin}` : `${bin} (tsx)` };
  }
  const missing = `${bin ?? 'no bin'} not built`;
  if (existsSync(`${root}bin/standin.js`)) {
    return { argv: [`${root}bin/standin.js`], label: `bin/standin.js through tsx (${missing})` };
  }
  return {
    argv: ['--import', 'tsx', `${root}src/cli/main.ts`],
    label: `src/cli/main.ts through tsx (${missing})`,
  };
}

/** Runs the CLI once on the server CPU; resolves with wall milliseconds and the exit code. */
function timeCli(
  entry: readonly string[],
  args: readonly string[],
): Promise<{ ms: number; code: number | null; output: string }> {
  const [command, argv] = pinned(SERVER_CPU, process.execPath, [...entry, ...args]);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-3000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, output }));
  });
}

/** `serve` from spawn until the export answers 200; the server is left running for `verify`. */
async function serveToFirstAnswer(
  entry: readonly string[],
  headers: Record<string, string>,
): Promise<{ ms: number; origin: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const [command, argv] = pinned(SERVER_CPU, process.execPath, [...entry, 'serve', '--port', String(port)]);
  const started = performance.now();
  const child = spawnTracked(command, argv, { quiet: true });
  const url = exportUrl(origin, { limit: 1 });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standin serve exited with ${child.exitCode}`);
    try {
      if ((await fetchBody(url, headers, 2000)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - started > 60_000) {
      await stopChild(child);
      throw new Error('standin serve gave no answer within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return { ms: performance.now() - started, origin, stop: () => stopChild(child) };
}

/** The start-up rows: --help, serve to first answer, verify --strict per vendor. */
export async function measureStartup(ctx: BenchContext): Promise<Measurement[]> {
  const { argv: entry, label } = cliEntry();
  const times = ctx.quick ? 2 : 5;
  const rows: Measurement[] = [];

  const help: number[] = [];
  for (let i = 0; i < times; i++) {
    const run = await timeCli(entry, ['--help']);
    if (run.code !== 0) throw new Error(`standin --help exited with ${run.code}: ${run.output}`);
    help.push(run.ms);
  }
  const helpMs = spread(help);
  ctx.log(`startup: --help ${helpMs.median.toFixed(0)} ms (${label})`);
  rows.push(
    measurement({
      id: 'startup.help',
      title: `standin --help, wall time (${label})`,
      figures: { 'ms median': helpMs.median, 'ms min': helpMs.min, 'ms max': helpMs.max },
      ratioLabel: 's',
      ratio: helpMs.median / 1000,
      target: { op: '<=', value: 0.3, unit: ' s' },
    }),
  );

  const serve: number[] = [];
  for (let i = 0; i < Math.max(1, times - 2); i++) {
    const server = await serveToFirstAnswer(entry, ctx.enneoHeaders);
    serve.push(server.ms);
    await server.stop();
  }
  const serveMs = spread(serve);
  ctx.log(`startup: serve → first answer ${serveMs.median.toFixed(0)} ms`);
  rows.push(
    measurement({
      id: 'startup.serve-first-answer',
      title: `standin serve (default world) to first export answer (${label})`,
      figures: { 'ms median': serveMs.median, 'ms min': serveMs.min, 'ms max': serveMs.max },
      ratioLabel: 's',
      ratio: serveMs.median / 1000,
      target: { op: '<=', value: 1, unit: ' s' },
    }),
  );

  const server = await serveToFirstAnswer(entry, ctx.enneoHeaders);
  try {
    const credentials: Record<(typeof VENDORS)[number], string[]> = {
      enneo: ['--token', await defaultEnneoToken(DEFAULT_CREDENTIALS.enneo.jwtSecret)],
      voipcube: ['--key', DEFAULT_CREDENTIALS.voipcube.key],
      autozod: ['--token', DEFAULT_CREDENTIALS.autozod.token],
    };
    for (const vendor of VENDORS) {
      const run = await timeCli(entry, [
        'verify',
        '--vendor',
        vendor,
        '--base-url',
        `${server.origin}${VENDOR_BASE[vendor]}`,
        '--strict',
        ...credentials[vendor],
        // Quick runs are for developing the bench: no rate limit, so that they stay short.
        ...(ctx.quick ? ['--rate', '0'] : []),
      ]);
      ctx.log(`startup: verify --strict ${vendor} ${(run.ms / 1000).toFixed(1)} s, exit ${run.code}`);
      rows.push(
        measurement({
          id: `startup.verify-${vendor}`,
          title: `standin verify --strict --vendor ${vendor} against a local standin (${label}${ctx.quick ? ', quick: --rate 0' : ''})`,
          figures: { s: run.ms / 1000 },
          ratioLabel: 's',
          ratio: run.ms / 1000,
          target: { op: '<=', value: 3, unit: ' s' },
          ...(run.code === 0
            ? {}
            : {
                note: `verify exited with ${run.code}: ${run.output.trim().split('\n').slice(-3).join(' / ')}`,
              }),
        }),
      );
    }
  } finally {
    await server.stop();
  }
  return rows;
}
