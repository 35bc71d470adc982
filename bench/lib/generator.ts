/**
 * The load generator, in its own process pinned to the generator CPU: wrk when it is installed
 * (Debian package `wrk`; C, one thread drives 50 connections at a fraction of a core), otherwise
 * autocannon's CLI — which needs about as much CPU per request as a fast server, so that ratios
 * between fast servers then measure the generator. The bench installs neither; it says which.
 *
 * The generator runs under `sh -c '...; times'` so that its own CPU time is known: the table
 * says a figure is generator-bound when the generator, not the server, used up its core.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { GENERATOR_CPU, pinned } from './pin.ts';

export type GeneratorKind = 'wrk' | 'autocannon';

/** What one generator run measured. */
export interface GeneratorRun {
  reqPerSec: number;
  bytesPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts. */
  failures: number;
  /** Wall seconds of the run as the generator counted them. */
  seconds: number;
  /** CPU seconds the generator itself used (user+system). */
  generatorCpuSeconds: number;
}

export interface GeneratorOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** The CPU to pin the generator to (default GENERATOR_CPU); null: unpinned, sharing every core. */
  cpu?: number | null;
}

/** wrk if it is on the PATH, else autocannon, with the warning the bench prints for the latter. */
export function pickGenerator(): { kind: GeneratorKind; warning: string | null } {
  const probe = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  if (!probe.error) return { kind: 'wrk', warning: null };
  return {
    kind: 'autocannon',
    warning:
      'WARNING: wrk is not installed (Debian: apt-get install wrk); autocannon generates the load. ' +
      'autocannon needs about as much CPU per request as a fast server, so req/s ratios between fast ' +
      'servers are generator-bound and not comparable with wrk runs; CPU per request still is.',
  };
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };
const UNIT_BYTES: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** A wrk latency like `7.61ms` or `850.00us` in milliseconds. */
function latencyMs(text: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text ?? '');
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : Number.NaN;
}

/** The figures of wrk's `--latency` report. */
export function parseWrk(text: string): Omit<GeneratorRun, 'generatorCpuSeconds'> {
  const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB|TB)/.exec(text);
  const done = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(text);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    reqPerSec: number(/Requests\/sec:\s+([\d.]+)/),
    bytesPerSec: transfer ? Number(transfer[1]) * UNIT_BYTES[transfer[2]!]! : Number.NaN,
    latencyP50Ms: latencyMs(/^\s+50%\s+(\S+)/m.exec(text)?.[1]),
    latencyP99Ms: latencyMs(/^\s+99%\s+(\S+)/m.exec(text)?.[1]),
    requests: done ? Number(done[1]) : 0,
    failures: socketErrors + (Number(/Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1]) || 0),
    seconds: done ? (Number(done[2]) * UNIT_MS[done[3]!]!) / 1000 : Number.NaN,
  };
}

/** The children's CPU seconds out of the two lines of POSIX `times` (`0m1.20s 0m0.30s`). */
export function parseTimes(text: string): { text: string; cpuSeconds: number } {
  const lines = text.trimEnd().split('\n');
  const children = lines.at(-1) ?? '';
  const values = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (values.length !== 2 || lines.length < 2) return { text, cpuSeconds: Number.NaN };
  return { text: lines.slice(0, -2).join('\n'), cpuSeconds: values[0]! + values[1]! };
}

interface AutocannonJson {
  requests: { average: number; total: number };
  throughput: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

function autocannonCli(): string {
  return createRequire(import.meta.url).resolve('autocannon/autocannon.js');
}

function commandFor(kind: GeneratorKind, options: GeneratorOptions): [string, string[]] {
  if (kind === 'wrk') {
    const headers = Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
    return [
      'wrk',
      ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--latency', ...headers, options.url],
    ];
  }
  const headers = Object.entries(options.headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  return [
    process.execPath,
    [
      autocannonCli(),
      '-c',
      String(options.connections),
      '-d',
      String(options.seconds),
      '-j',
      ...headers,
      options.url,
    ],
  ];
}

/** Runs the generator once (on the generator CPU unless told otherwise) and reduces its report. */
export async function generate(kind: GeneratorKind, options: GeneratorOptions): Promise<GeneratorRun> {
  const [command, args] = commandFor(kind, options);
  // `times` prints the shell's and its children's CPU; the exit status stays the generator's.
  const shellLine: [string, string[]] = [
    'sh',
    ['-c', '"$@"; status=$?; times; exit $status', 'sh', command, ...args],
  ];
  const [shell, shellArgs] =
    options.cpu === null ? shellLine : pinned(options.cpu ?? GENERATOR_CPU, shellLine[0], shellLine[1]);
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(shell, shellArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err = (err + chunk.toString('utf8')).slice(-4000);
      });
      child.once('error', reject);
      child.once('close', (status) => resolve({ code: status, stdout: out, stderr: err }));
    },
  );
  const { text, cpuSeconds } = parseTimes(stdout);
  if (code !== 0) throw new Error(`${kind} exited with ${code}: ${(stderr || text).trim().slice(-500)}`);
  if (kind === 'wrk') return { ...parseWrk(text), generatorCpuSeconds: cpuSeconds };
  const json = JSON.parse(text.slice(text.indexOf('{'))) as AutocannonJson;
  return {
    reqPerSec: json.duration > 0 ? json.requests.total / json.duration : json.requests.average,
    bytesPerSec: json.throughput.average,
    latencyP50Ms: json.latency.p50,
    latencyP99Ms: json.latency.p99,
    requests: json.requests.total,
    failures: json.non2xx + json.errors + json.timeouts,
    seconds: json.duration,
    generatorCpuSeconds: cpuSeconds,
  };
}
