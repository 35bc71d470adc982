/** Child processes for the packaging test: run to completion, or start a server and read its banner. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createConnection } from 'node:net';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the STANDIN_* or PORT a developer's shell may carry. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('STANDIN_') && k !== 'PORT') env[k] = v;
  return env;
}

/** Runs `cmd args` in `cwd` to completion (killed after `timeoutMs`). */
export function run(cmd: string, args: string[], cwd: string, timeoutMs = 180_000): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Serving {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  origin: string;
  port: number;
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts a `serve` (through npm, npx or node) and resolves when its banner names the origin. */
export function startServing(cmd: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Serving> {
  const child = spawn(cmd, args, { cwd, env: cleanEnv() });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no banner within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before its banner; stderr: ${stderr}`));
    });
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!stdout.includes('Ctrl-C to stop')) return;
      clearTimeout(timer);
      const match = /Docs\s+(http:\/\/[^/\s]+:(\d+))\//.exec(stdout);
      if (!match?.[1] || !match[2]) reject(new Error(`no Docs URL in the banner: ${stdout}`));
      else resolve({ child, origin: match[1], port: Number(match[2]), exited, stderr: () => stderr });
    });
  });
}

/** 'open' when something accepts connections on 127.0.0.1:port, else the error code. */
export function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** Polls until the port refuses connections; false if it still accepts after `timeoutMs`. */
export async function portFreed(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await probe(port)) === 'ECONNREFUSED') return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
