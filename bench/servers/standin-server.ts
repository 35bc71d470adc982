/**
 * standin as the bench measures it: a world generated in memory, `createApp` over it, listening
 * through the CLI's own server (as `standin serve` does) on 127.0.0.1 with an OS-picked port — in its own process, so that its RSS is its own.
 *
 * argv[2]: JSON `{ size?, seed? }`. IPC out: `{ type: 'ready', ... }` with the start-up timings.
 * IPC in: `{ type: 'gc' }` collects garbage (when started with --expose-gc) and answers
 * `{ type: 'gc-done' }`, so that an RSS baseline is not inflated by garbage of earlier work.
 * `{ type: 'cache-stats' }` answers `{ type: 'cache-stats', stores }`: each export store's row-bytes
 * cache (bytes held, limit, projections, evictions).
 * `{ type: 'profile-start' }` and `{ type: 'profile-stop', file }` record a V8 CPU profile of just
 * the load phase (what `--cpu-prof` records, without start-up) and write it as a .cpuprofile.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { exportStoreCacheStats } from '../../mocks/enneo/export-store.ts';
import { createApp } from '../../src/app.ts';
import { listen } from '../../src/cli/server.ts';
import { statusLogsOf } from '../../src/world/duty-records.ts';
import { exportRowCount } from '../../src/world/enneo-views.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, generateWorld } from '../../src/world/index.ts';
import type { WorldSize } from '../../src/world/types.ts';

/** What the bench asks of a standin child. */
export interface StandinChildOptions {
  size?: WorldSize;
  seed?: number;
}

/** What a standin child reports once it listens. */
export interface StandinReady {
  type: 'ready';
  port: number;
  /** generateWorld alone. */
  generateMs: number;
  /** createApp (indexes built eagerly by the routers) up to listening. */
  startMs: number;
  /** Live JS heap once listening, after a full GC: what the world and the indexes hold. */
  heapUsed: number;
  exportRows: number;
  statusLogs: number;
  agents: number;
  size: WorldSize;
  anchor: string;
}

const fail = (err: unknown) =>
  process.send?.({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });

/** The V8 sampling profiler of this process, through the inspector protocol. */
const profiler = {
  session: undefined as Session | undefined,
  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  },
  async stop(file: string): Promise<void> {
    if (!this.session) throw new Error('profile-stop without profile-start');
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    this.session = undefined;
    await writeFile(file, JSON.stringify(profile));
  },
};

function main(): void {
  const options = JSON.parse(process.argv[2] ?? '{}') as StandinChildOptions;
  const size = options.size ?? DEFAULT_SIZE;
  const t0 = performance.now();
  const world = generateWorld({ seed: options.seed ?? DEFAULT_SEED, anchor: DEFAULT_ANCHOR, size });
  const t1 = performance.now();
  const app = createApp({ world });
  // The server `standin serve` listens with (src/cli/server.ts): what users run, and the bench measures.
  void listen(app, '127.0.0.1', 0).then((server) => {
    const startMs = performance.now() - t1;
    globalThis.gc?.();
    const ready: StandinReady = {
      type: 'ready',
      port: (server.address() as AddressInfo).port,
      generateMs: t1 - t0,
      startMs,
      heapUsed: process.memoryUsage().heapUsed,
      // Counted without building the rows: reading world.enneo.exportRows would build them all.
      exportRows: exportRowCount(world.enneo),
      statusLogs: statusLogsOf(world.voipcube).length,
      agents: world.people.filter((p) => p.voipcube !== null).length,
      size,
      anchor: world.meta.anchor,
    };
    process.send?.(ready);
  });
  // Exit on SIGTERM rather than die of it, so that a `--cpu-prof` run still writes its profile.
  process.once('SIGTERM', () => process.exit(0));
  process.on('message', (message: { type?: string; file?: string }) => {
    if (message.type === 'gc') {
      globalThis.gc?.();
      process.send?.({ type: 'gc-done' });
    } else if (message.type === 'cache-stats') {
      process.send?.({ type: 'cache-stats', stores: exportStoreCacheStats() });
    } else if (message.type === 'profile-start') {
      profiler.start().then(() => process.send?.({ type: 'profile-started' }), fail);
    } else if (message.type === 'profile-stop' && message.file) {
      profiler.stop(message.file).then(() => process.send?.({ type: 'profile-done' }), fail);
    }
  });
}

try {
  main();
} catch (err) {
  fail(err);
  process.exitCode = 1;
}
