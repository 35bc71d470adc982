import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinned, SERVER_CPU } from './pin.ts';

/**
 * Every process the bench starts is registered here and killed at the end, on a crash and on
 * Ctrl-C. Children are started detached (their own process group) so that a kill reaches any
 * process they start in turn (Prism), and only those.
 */
const live = new Set<ChildProcess>();

/** Kills one child's process group (SIGTERM, then SIGKILL after `graceMs`) and waits for its exit. */
export async function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  live.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already (or was never a group): fall back to the process itself.
    try {
      child.kill(signal);
    } catch {
      // Nothing left to kill.
    }
  }
}

/** Kills every child still registered, synchronously (safe inside an 'exit' handler). */
export function killAllChildrenNow(): void {
  for (const child of live) signalGroup(child, 'SIGKILL');
  live.clear();
}

let hooked = false;

/** Makes sure no child outlives the bench, however it ends. Idempotent. */
export function installCleanup(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAllChildrenNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllChildrenNow();
      process.exit(130);
    });
  }
}

/** Starts a command in its own process group and registers it for clean-up. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: { ipc?: boolean; env?: NodeJS.ProcessEnv; quiet?: boolean } = {},
): ChildProcess {
  const output = options.quiet ? 'ignore' : 'inherit';
  const child = spawn(command, args, {
    detached: true,
    env: options.env ?? process.env,
    stdio: options.ipc ? ['ignore', output, 'inherit', 'ipc'] : ['ignore', output, output],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** The absolute path of a bench module, for starting it as a child (`import.meta.url`-relative). */
export function benchFile(relative: string): string {
  return fileURLToPath(new URL(`../${relative}`, import.meta.url));
}

/**
 * Starts a TypeScript module of the bench as a Node child with tsx's loader registered in the same
 * process (not the tsx CLI, which would put another process between us and the server, so that
 * the pid we sample for RSS would not be the server's).
 */
export function spawnTsChild(
  relative: string,
  nodeFlags: readonly string[],
  argument: unknown,
): ChildProcess {
  // Pinned to the server CPU: the load generator has the other one to itself.
  const [command, args] = pinned(SERVER_CPU, process.execPath, [
    ...nodeFlags,
    '--import',
    'tsx',
    benchFile(relative),
    JSON.stringify(argument),
  ]);
  return spawnTracked(command, args, { ipc: true });
}

/** Waits for the first IPC message of `type` from a child; rejects if it exits first or time runs out. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`child ${child.pid} sent no "${type}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && (message as T).type === type) {
        cleanup();
        resolve(message as T);
      } else if (typeof message === 'object' && message !== null && (message as T).type === 'error') {
        cleanup();
        reject(new Error(`child ${child.pid} failed: ${(message as { message?: string }).message}`));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${signal ?? code}) before sending "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
