import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, ensureCachedPackage } from './cache-install.ts';
import { startPinnedServer } from './peer-server.ts';
import type { RunningServer } from './servers.ts';

/** The peer the issue measures against; pinned so that runs compare. */
export const PRISM_PACKAGE = '@stoplight/prism-cli';
export const PRISM_VERSION = '5.14.2';

/** Where Prism is installed (outside the package; `STANDIN_BENCH_CACHE` moves it). */
export function prismDir(): string {
  return cacheDir('prism');
}

/**
 * Installs Prism into the cache folder unless it is there already.
 * @returns the path of Prism's CLI script, or the reason it is not available.
 */
export async function ensurePrism(
  log: (line: string) => void,
): Promise<{ ok: true; cli: string } | { ok: false; reason: string }> {
  const installed = await ensureCachedPackage('prism', PRISM_PACKAGE, PRISM_VERSION, log);
  if (!installed.ok) return installed;
  const bin = join(prismDir(), 'node_modules', '.bin', 'prism');
  return existsSync(bin)
    ? { ok: true, cli: realpathSync(bin) }
    : { ok: false, reason: `no prism CLI in ${bin}` };
}

/**
 * Starts `prism mock <contract>` (static examples, Prism's defaults otherwise) on loopback, pinned
 * to the server CPU, and waits until `probePath` answers at all.
 */
export function startPrism(
  cli: string,
  contractFile: string,
  probePath: string,
  headers: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  return startPinnedServer({
    name: 'prism',
    command: (port) => [process.execPath, [cli, 'mock', contractFile, '-h', '127.0.0.1', '-p', String(port)]],
    probePath,
    headers,
    timeoutMs,
  });
}
