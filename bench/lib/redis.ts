/**
 * A throw-away redis-server for the rows that need a shared state: on a free loopback port,
 * nothing saved to disk, stopped with the bench's other children.
 */
import { spawnSync } from 'node:child_process';
import { spawnTracked, stopChild } from './children.ts';
import { freePort } from './peer-server.ts';
import { fetchPing } from './redis-ping.ts';

export interface RunningRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts redis-server, or says why it cannot (the row is then skipped with that reason). */
export async function startRedis(): Promise<RunningRedis | string> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return 'redis-server is not installed (Debian package redis-server)';
  }
  const port = await freePort();
  const child = spawnTracked(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { quiet: true },
  );
  const started = Date.now();
  while (!(await fetchPing(port))) {
    if (child.exitCode !== null) return `redis-server exited with ${child.exitCode}`;
    if (Date.now() - started > 10_000) {
      await stopChild(child);
      return 'redis-server did not answer PING within 10 s';
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}
