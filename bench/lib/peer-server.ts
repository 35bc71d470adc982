/**
 * Starting a server that is not ours (Prism, WireMock, Mockoon) or a reference server as a pinned
 * child on an OS-picked loopback port, and waiting until it answers.
 */
import { createServer } from 'node:net';
import { spawnTracked, stopChild } from './children.ts';
import { fetchBody } from './http-get.ts';
import { pinned, SERVER_CPU } from './pin.ts';
import type { RunningServer } from './servers.ts';

/** A free loopback port, picked by the OS (peers take a port number, not 0). */
export function freePort(): Promise<number> {
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

export interface PinnedServerOptions {
  name: string;
  /** The command line for a port. */
  command: (port: number) => [string, string[]];
  /** A path that answers once the server is up (any status counts). */
  probePath: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Show the server's stdout (off: peers log every request). */
  verbose?: boolean;
}

/** Starts the server on the server CPU and resolves once `probePath` answers. */
export async function startPinnedServer(options: PinnedServerOptions): Promise<RunningServer> {
  const port = await freePort();
  const [command, args] = options.command(port);
  const [pinnedCommand, pinnedArgs] = pinned(SERVER_CPU, command, args);
  const child = spawnTracked(pinnedCommand, pinnedArgs, { quiet: !options.verbose });
  const origin = `http://127.0.0.1:${port}`;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`${options.name} exited with ${child.exitCode} before listening`);
      }
      try {
        await fetchBody(`${origin}${options.probePath}`, options.headers ?? {}, 5000);
        break;
      } catch {
        if (Date.now() > deadline) {
          throw new Error(`${options.name} did not answer within ${timeoutMs / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { child, pid: child.pid!, origin, stop: () => stopChild(child) };
}
