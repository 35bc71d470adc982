/**
 * Runs the real executable as a user would, and reads what it prints. Only smoke.test.ts (and
 * verify's end-to-end runs) spawn it; every other CLI test calls runCli in-process (in-process.ts).
 */
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The executable a user runs: the one line to change when the package's bin moves. */
export const STANDIN_BIN = fileURLToPath(new URL('../../bin/standin.js', import.meta.url));

/** A small world, so that each start-up stays fast. */
export const SMALL = ['--agents', '2', '--days', '10', '--tickets', '10'];

/** Variables verify reads for credentials when no flag gives them. */
const CREDENTIAL_VARIABLES = new Set(['ENNEO_TOKEN', 'ENNEO_COOKIE', 'VOIPCUBE_KEY', 'AUTOZOD_TOKEN']);

/** The environment without any STANDIN_*, PORT or credential the developer's shell may carry. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('STANDIN_') && k !== 'PORT' && !CREDENTIAL_VARIABLES.has(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

/** Starts `standin <args>` as its own process. */
function spawnStandin(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [STANDIN_BIN, ...args], { cwd: ROOT, env: cleanEnv(env) });
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `standin <args>` to completion. */
export function run(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawnStandin(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`standin ${args.join(' ')} did not finish in ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface Serving {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  banner: string[];
  stderr: () => string;
  /** Resolves when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `standin serve --port 0 <args>` and waits for its banner. */
export function serve(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<Serving> {
  const child = spawnStandin(['serve', '--port', '0', ...args], env);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before its banner; stderr: ${stderr}`));
    });
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!stdout.includes('Ctrl-C to stop')) return;
      clearTimeout(timer);
      const banner = stdout.trimEnd().split('\n');
      const origin = /(http:\/\/[^/\s]+)\/ *$/.exec(
        banner.find((l) => l.trim().startsWith('Docs')) ?? '',
      )?.[1];
      if (!origin) reject(new Error(`no Docs URL in the banner: ${stdout}`));
      else resolve({ child, origin, banner, stderr: () => stderr, exited });
    });
  });
}
