/**
 * Stopping with the npm process that started standin. `npm start` and `npx standin` run the
 * command through `sh -c`, and /bin/sh (dash) does not exec its last command: a SIGTERM to npm
 * reaches npm and sh, never node, so node was left running, holding the port. When npm started
 * us (it sets npm_lifecycle_event), a parent that goes away — we are re-parented — counts as a
 * SIGTERM, with its graceful stop. Started any other way (a shell, Docker, systemd), the parent is
 * not watched: `standin serve &` may rightly outlive the shell that started it.
 */

/** What the watch needs of the process (the real one in main.ts). */
export interface WatchedProcess {
  readonly ppid: number;
  readonly pid: number;
  env: NodeJS.ProcessEnv;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

/**
 * Sends `proc` a SIGTERM when its parent changes, if npm started it.
 * @returns a function that stops watching, or undefined when nothing is watched.
 */
export function stopWithNpm(proc: WatchedProcess, everyMs = 250): (() => void) | undefined {
  if (!proc.env.npm_lifecycle_event) return undefined;
  const parent = proc.ppid;
  const timer = setInterval(() => {
    if (proc.ppid === parent) return;
    clearInterval(timer);
    proc.kill(proc.pid, 'SIGTERM');
  }, everyMs);
  // The watch alone must not keep a finished command (--help, credentials) alive.
  timer.unref();
  return () => clearInterval(timer);
}
