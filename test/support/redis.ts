/**
 * A real redis-server for a test file: started on a free port with no persistence, killed after.
 * Tests skip (with the reason printed) only when the binary is not installed; `.ci/run` installs it.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Where the Debian package puts it; REDIS_SERVER overrides. */
const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

/** Why Redis tests cannot run here, or null when redis-server is installed. */
export function redisMissing(): string | null {
  const probe = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return `skipped: ${BINARY} is not installed (apt-get install redis-server; .ci/run does it)`;
  }
  return null;
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  /** The process id while it runs (the bench reads its CPU time). */
  pid(): number | undefined;
  /** Stops it (SIGKILL: as if it crashed); resolves once the process is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (no persistence). */
  restart(): Promise<void>;
}

async function startOn(port: number): Promise<ChildProcess> {
  const child = spawn(
    BINARY,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return child;
}

/**
 * Starts redis-server on a free port of 127.0.0.1.
 * @example
 *   const redis = await startRedis();
 *   afterAll(() => redis.stop());
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = await startOn(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: () => child?.pid,
    async stop() {
      const running = child;
      child = null;
      if (running === null || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    async restart() {
      if (child !== null) throw new Error('redis-server is still running');
      child = await startOn(port);
    },
  };
}
