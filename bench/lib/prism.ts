import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnTracked, stopChild } from './children.ts';
import { fetchBody } from './http-get.ts';
import type { RunningServer } from './servers.ts';

/** The peer the issue measures against; pinned so that runs compare. */
export const PRISM_PACKAGE = '@stoplight/prism-cli';
export const PRISM_VERSION = '5.14.2';

/**
 * Where Prism is installed: a cache folder outside the package, so that it never becomes a
 * dependency every `npm ci` would pay for. `STANDIN_BENCH_CACHE` moves it.
 */
export function prismDir(): string {
  const base = process.env.STANDIN_BENCH_CACHE ?? join(homedir(), '.cache', 'standin-bench');
  return join(base, 'prism');
}

function installedCli(dir: string): string | null {
  const pkgFile = join(dir, 'node_modules', PRISM_PACKAGE, 'package.json');
  if (!existsSync(pkgFile)) return null;
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string; bin?: Record<string, string> };
  if (pkg.version !== PRISM_VERSION) return null;
  const bin = join(dir, 'node_modules', '.bin', 'prism');
  return existsSync(bin) ? realpathSync(bin) : null;
}

/** How `npm` is started: the same npm that runs `npm run bench` when there is one. */
function npmCommand(): { command: string; prefix: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli?.endsWith('.js')) return { command: process.execPath, prefix: [npmCli] };
  return { command: 'npm', prefix: [] };
}

/**
 * Installs Prism into the cache folder unless it is there already.
 * @returns the path of Prism's CLI script, or the reason it is not available.
 */
export async function ensurePrism(
  log: (line: string) => void,
  timeoutMs = 240_000,
): Promise<{ ok: true; cli: string } | { ok: false; reason: string }> {
  const dir = prismDir();
  const present = installedCli(dir);
  if (present) return { ok: true, cli: present };

  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  log(`installing ${PRISM_PACKAGE}@${PRISM_VERSION} into ${dir} (once; later runs reuse it)…`);
  const { command, prefix } = npmCommand();
  const args = [
    ...prefix,
    'install',
    '--prefix',
    dir,
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `${PRISM_PACKAGE}@${PRISM_VERSION}`,
  ];
  const outcome = await new Promise<string | null>((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      resolve(`npm install took longer than ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve(`npm could not be started: ${err.message}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `npm install exited with ${code}: ${stderr.trim().split('\n').pop()}`);
    });
  });
  if (outcome) return { ok: false, reason: outcome };
  const cli = installedCli(dir);
  return cli ? { ok: true, cli } : { ok: false, reason: `npm install left no ${PRISM_PACKAGE} in ${dir}` };
}

/** A free loopback port, picked by the OS (Prism takes a port number, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `prism mock <contract>` (static examples, Prism's defaults otherwise) on loopback and waits
 * until `probePath` answers at all.
 */
export async function startPrism(
  cli: string,
  contractFile: string,
  probePath: string,
  headers: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort();
  const child = spawnTracked(
    process.execPath,
    [cli, 'mock', contractFile, '-h', '127.0.0.1', '-p', String(port)],
    { quiet: true },
  );
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode} before listening`);
      try {
        await fetchBody(`${origin}${probePath}`, headers, 5000);
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`prism did not answer within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { child, pid: child.pid!, origin, stop: () => stopChild(child) };
}
