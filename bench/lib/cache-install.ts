/**
 * Peers the bench compares against (Prism, WireMock's jar, Mockoon CLI) are installed on demand
 * into a cache folder outside the package, so that they never become dependencies every `npm ci`
 * would pay for. `STANDIN_BENCH_CACHE` moves the folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder of one peer. */
export function cacheDir(name: string): string {
  const base = process.env.STANDIN_BENCH_CACHE ?? join(homedir(), '.cache', 'standin-bench');
  return join(base, name);
}

/** The installed package's folder when `version` of it is installed in `dir`, else null. */
export function installedPackage(dir: string, pkg: string, version: string): string | null {
  const pkgDir = join(dir, 'node_modules', pkg);
  const pkgFile = join(pkgDir, 'package.json');
  if (!existsSync(pkgFile)) return null;
  const manifest = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version?: string };
  return manifest.version === version ? pkgDir : null;
}

/** How `npm` is started: the same npm that runs `npm run bench` when there is one. */
function npmCommand(): { command: string; prefix: string[] } {
  const npmCli = process.env.npm_execpath;
  if (npmCli?.endsWith('.js')) return { command: process.execPath, prefix: [npmCli] };
  return { command: 'npm', prefix: [] };
}

/**
 * Installs `pkg@version` into the cache folder `name` unless it is there already.
 * @returns the package's folder, or the reason it is not available.
 */
export async function ensureCachedPackage(
  name: string,
  pkg: string,
  version: string,
  log: (line: string) => void,
  timeoutMs = 240_000,
): Promise<{ ok: true; dir: string } | { ok: false; reason: string }> {
  const dir = cacheDir(name);
  const present = installedPackage(dir, pkg, version);
  if (present) return { ok: true, dir: present };

  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, '{ "private": true }\n');
  log(`installing ${pkg}@${version} into ${dir} (once; later runs reuse it)…`);
  const { command, prefix } = npmCommand();
  const args = [
    ...prefix,
    'install',
    '--prefix',
    dir,
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `${pkg}@${version}`,
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
  const installed = installedPackage(dir, pkg, version);
  return installed
    ? { ok: true, dir: installed }
    : { ok: false, reason: `npm install left no ${pkg} in ${dir}` };
}
