/**
 * Runs the CLI in this process through `runCli` (src/cli/run.ts), as `main.ts` does, but with a
 * logger that collects lines, an emitter for stop signals and a controlled environment. It proves
 * what the spawned binary proves (exit status, stdout, stderr, a serving port) at a fraction of
 * the cost: no process start-up and no TypeScript compilation per run. The wiring main.ts adds
 * (process streams, signals, exit code) is proven once per command by smoke.test.ts.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { runCli } from '../../src/cli/run.ts';
import type { SignalSource } from '../../src/cli/server.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** What a finished run shows a user: as the spawned binary's exit status and streams. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Variables verify reads for credentials when no flag gives them. */
const VERIFY_VARIABLES = new Set(['ENNEO_TOKEN', 'ENNEO_COOKIE', 'VOIPCUBE_KEY', 'AUTOZOD_TOKEN']);

/** Variables the CLI reads; the developer's shell must not leak them into a run. */
const ours = (name: string) => name.startsWith('STANDIN_') || name === 'PORT' || VERIFY_VARIABLES.has(name);

/**
 * Commander reads options' variables from process.env while it parses, so a run's environment is
 * process.env for that moment. Runs take turns: concurrent runs with different variables would
 * otherwise see each other's.
 */
let turn: Promise<void> = Promise.resolve();

async function enterEnv(env: Record<string, string>): Promise<() => void> {
  const previous = turn;
  let release!: () => void;
  turn = new Promise((resolve) => {
    release = resolve;
  });
  await previous;
  const saved = new Map<string, string | undefined>();
  for (const name of [...Object.keys(process.env).filter(ours), ...Object.keys(env)]) {
    if (!saved.has(name)) saved.set(name, process.env[name]);
    delete process.env[name];
  }
  Object.assign(process.env, env);
  let left = false;
  return () => {
    if (left) return;
    left = true;
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    release();
  };
}

interface Streams {
  out: string[];
  err: string[];
  /** Called after every line, so a caller can wait for one. */
  onLine: () => void;
}

function context(streams: Streams, signals: SignalSource) {
  return {
    logger: {
      out: (line: string) => {
        streams.out.push(`${line}\n`);
        streams.onLine();
      },
      err: (line: string) => {
        streams.err.push(`${line}\n`);
        streams.onLine();
      },
    },
    signals,
    now: Date.now,
    version: VERSION,
  };
}

/** Runs `standin <argv>` to completion, with only `env`'s STANDIN_*, PORT and credential variables set. */
export async function cli(argv: string[], env: Record<string, string> = {}): Promise<Outcome> {
  const streams: Streams = { out: [], err: [], onLine: () => {} };
  const leave = await enterEnv(env);
  try {
    const code = await runCli(argv, context(streams, new EventEmitter()));
    return { code, stdout: streams.out.join(''), stderr: streams.err.join('') };
  } finally {
    leave();
  }
}

/** `standin serve` running in this process. */
export interface InProcessServer {
  /** e.g. http://127.0.0.1:41234, read from the banner's Docs line as a user would. */
  origin: string;
  banner: string[];
  stderr: () => string;
  /** Delivers a stop signal, as Ctrl-C or `kill` would. */
  signal: (name: 'SIGINT' | 'SIGTERM') => void;
  /** The exit status, once serve has stopped. */
  exited: Promise<number>;
  /** Stops it for good (forcing, if a graceful stop is already under way): for afterEach. */
  stop: () => Promise<void>;
}

/** Starts `standin serve --port 0 <args>` in this process and waits for its banner. */
export async function startServe(args: string[], env: Record<string, string> = {}): Promise<InProcessServer> {
  const signals = new EventEmitter();
  let bannerShown: () => void = () => {};
  const shown = new Promise<void>((resolve) => {
    bannerShown = resolve;
  });
  const streams: Streams = {
    out: [],
    err: [],
    onLine: () => {
      if (streams.out.at(-1) === 'Ctrl-C to stop\n') bannerShown();
    },
  };
  const leave = await enterEnv(env);
  let finished = false;
  const exited = runCli(['serve', '--port', '0', ...args], context(streams, signals)).finally(() => {
    finished = true;
    leave();
  });
  // Without a banner serve has refused to start: report why, as the test would see it.
  await Promise.race([shown, exited.then(() => {})]);
  if (finished) {
    throw new Error(`serve exited with ${await exited} before its banner; stderr: ${streams.err.join('')}`);
  }
  leave();
  const banner = streams.out.join('').trimEnd().split('\n');
  const origin = /(http:\/\/[^/\s]+)\/ *$/.exec(banner.find((l) => l.trim().startsWith('Docs')) ?? '')?.[1];
  const signal = (name: 'SIGINT' | 'SIGTERM') => {
    signals.emit(name, name);
  };
  const server: InProcessServer = {
    origin: origin ?? '',
    banner,
    stderr: () => streams.err.join(''),
    signal,
    exited,
    stop: async () => {
      if (finished) return;
      // A second signal forces: in-flight requests are dropped at once.
      signal('SIGTERM');
      if (!finished) signal('SIGTERM');
      await exited;
    },
  };
  if (!origin) {
    await server.stop();
    throw new Error(`no Docs URL in the banner: ${banner.join('\n')}`);
  }
  return server;
}
