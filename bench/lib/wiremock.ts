/**
 * WireMock standalone as a peer: the jar the npm package `wiremock` ships (installed on demand into
 * the cache folder like Prism), run by the machine's java (Debian: openjdk-17-jre-headless),
 * serving the two bodies as files with the request journal off — its default, unbounded journal
 * runs out of a 1 GB heap within seconds on the page. The JIT needs a warm-up before WireMock is
 * at its best; the bench gives it one (BENCH_WIREMOCK_WARMUP seconds, 30 by default).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCachedPackage } from './cache-install.ts';
import { generate, pickGenerator } from './generator.ts';
import { startPinnedServer } from './peer-server.ts';
import type { SameBytes } from './peers.ts';
import type { RunningServer } from './servers.ts';

export const WIREMOCK_PACKAGE = 'wiremock';
export const WIREMOCK_VERSION = '3.13.2';

/** Why java cannot run WireMock here, or null when it can. */
function javaMissing(): string | null {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error) return 'java is not installed (Debian: apt-get install openjdk-17-jre-headless)';
  return probe.status === 0 ? null : `java -version exited with ${probe.status}`;
}

/** WireMock's root folder: a mapping per body, the bodies under __files. */
function writeRoot(dir: string, bytes: SameBytes): string {
  const root = join(dir, 'wiremock');
  mkdirSync(join(root, 'mappings'), { recursive: true });
  mkdirSync(join(root, '__files'), { recursive: true });
  for (const name of ['page', 'small'] as const) {
    writeFileSync(join(root, '__files', `${name}.json`), bytes[name].body);
    const mapping = {
      request: { method: 'GET', urlPath: `/${name}` },
      response: {
        status: 200,
        headers: { 'Content-Type': bytes[name].contentType },
        bodyFileName: `${name}.json`,
      },
    };
    writeFileSync(join(root, 'mappings', `${name}.json`), JSON.stringify(mapping));
  }
  return root;
}

/**
 * Installs and starts WireMock pinned to the server CPU, then warms it with load on both bodies.
 * @returns the running server, or the reason it is skipped.
 */
export async function startWireMock(
  dir: string,
  bytes: SameBytes,
  log: (line: string) => void,
  warmUpSeconds: number,
): Promise<RunningServer | string> {
  const missing = javaMissing();
  if (missing) return missing;
  const installed = await ensureCachedPackage('wiremock', WIREMOCK_PACKAGE, WIREMOCK_VERSION, log);
  if (!installed.ok) return `not installed: ${installed.reason}`;
  const jar = readdirSync(join(installed.dir, 'build')).find((f) => /^wiremock-standalone-.*\.jar$/.test(f));
  if (!jar) return `the wiremock package ships no standalone jar in ${installed.dir}/build`;
  const root = writeRoot(dir, bytes);
  let server: RunningServer;
  try {
    server = await startPinnedServer({
      name: 'wiremock',
      command: (port) => [
        'java',
        [
          '-jar',
          join(installed.dir, 'build', jar),
          '--port',
          String(port),
          '--bind-address',
          '127.0.0.1',
          '--root-dir',
          root,
          '--no-request-journal',
          '--disable-banner',
        ],
      ],
      probePath: '/small',
    });
  } catch (err) {
    return `did not start: ${err instanceof Error ? err.message : String(err)}`;
  }
  if (warmUpSeconds > 0) {
    log(`WireMock: ${warmUpSeconds} s JIT warm-up on both bodies`);
    const { kind } = pickGenerator();
    const half = Math.max(1, Math.round(warmUpSeconds / 2));
    for (const name of ['page', 'small'] as const) {
      await generate(kind, { url: `${server.origin}/${name}`, headers: {}, connections: 50, seconds: half });
    }
  }
  return server;
}
