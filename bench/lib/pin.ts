/**
 * Where each process runs: every server on CPU 0, the load generator on CPU 1 (`taskset -c`), so
 * that the two never compete for one core and the server's CPU is its own. Without taskset or
 * with one CPU the bench runs unpinned and says so.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

export const SERVER_CPU = 0;
export const GENERATOR_CPU = 1;

/** Why pinning is off, or null when servers and generator get a core each. */
export const PINNING_OFF: string | null = (() => {
  if (cpus().length < 2) return `only ${cpus().length} CPU: server and generator share it`;
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'taskset is not available (Debian package util-linux): processes are not pinned';
  }
})();

/**
 * A command line that runs `command` on one CPU. taskset execs the command, so the pid of the
 * spawned process is the command's own, which /proc sampling relies on.
 */
export function pinned(cpu: number, command: string, args: readonly string[]): [string, string[]] {
  if (PINNING_OFF) return [command, [...args]];
  return ['taskset', ['-c', String(cpu), command, ...args]];
}
