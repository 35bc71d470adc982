import type { ChildProcess } from 'node:child_process';
import type { RowBytesCacheStats } from '../../mocks/enneo/export-store.ts';
import type { StandinChildOptions, StandinReady } from '../servers/standin-server.ts';
import { nextMessage, spawnTsChild, stopChild } from './children.ts';

/** A server the bench started: where it listens, and how to stop it. */
export interface RunningServer {
  child: ChildProcess;
  pid: number;
  origin: string;
  stop(): Promise<void>;
}

/** A running standin child with what it reported at start-up. */
export interface RunningStandin extends RunningServer {
  ready: StandinReady;
  /** Collects garbage in the child (it runs with --expose-gc) and waits until that is done. */
  gc(): Promise<void>;
  /** Starts the child's CPU profiler; `stopProfile` writes what it recorded as a .cpuprofile. */
  startProfile(): Promise<void>;
  stopProfile(file: string): Promise<void>;
  /** The row-bytes cache of each export store in the child. */
  cacheStats(): Promise<RowBytesCacheStats[]>;
}

/** Sends a child a message and waits for its answer. */
async function ask(
  child: ChildProcess,
  message: { type: string; file?: string },
  answer: string,
): Promise<void> {
  const done = nextMessage(child, answer, 60_000);
  child.send(message);
  await done;
}

/** Starts standin over a generated world in a child; resolves once it listens. */
export async function startStandin(
  options: StandinChildOptions,
  nodeFlags: readonly string[] = [],
  timeoutMs = 300_000,
): Promise<RunningStandin> {
  const child = spawnTsChild('servers/standin-server.ts', ['--expose-gc', ...nodeFlags], options);
  try {
    const ready = await nextMessage<StandinReady>(child, 'ready', timeoutMs);
    return {
      child,
      pid: child.pid!,
      ready,
      origin: `http://127.0.0.1:${ready.port}`,
      stop: () => stopChild(child),
      gc: () => ask(child, { type: 'gc' }, 'gc-done'),
      startProfile: () => ask(child, { type: 'profile-start' }, 'profile-started'),
      stopProfile: (file) => ask(child, { type: 'profile-stop', file }, 'profile-done'),
      cacheStats: async () => {
        const answer = nextMessage<{ type: 'cache-stats'; stores: RowBytesCacheStats[] }>(
          child,
          'cache-stats',
          60_000,
        );
        child.send({ type: 'cache-stats' });
        return (await answer).stores;
      },
    };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** Runs `work` with a server and always stops the server afterwards, whatever `work` does. */
export async function withServer<S extends RunningServer, T>(
  start: () => Promise<S>,
  work: (server: S) => Promise<T>,
): Promise<T> {
  const server = await start();
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}
