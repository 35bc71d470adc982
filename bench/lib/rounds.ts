/**
 * One measured load run against a pinned server — req/s from the generator, the server's CPU per
 * request from /proc, what else the machine did — and the summary of repeated runs: median with
 * min–max, and which component bounded them.
 */
import { cpuShare, readProcStat, treeCpuSeconds } from './cpu.ts';
import { type GeneratorKind, type GeneratorOptions, generate } from './generator.ts';
import { GENERATOR_CPU, PINNING_OFF, SERVER_CPU } from './pin.ts';

/** A core counts as saturated above this share of its time. */
export const SATURATED = 0.85;
/** Busy time on a CPU beyond the process pinned there, above this share, is outside load. */
export const OUTSIDE_LOAD = 0.1;

export type Bound = 'server CPU' | 'generator' | 'outside load' | 'neither (latency/network)';

/** The figures of one run. */
export interface RunFigures {
  reqPerSec: number;
  /** Microseconds of server CPU (user+system, whole process tree) per request. */
  cpuPerRequestUs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  failures: number;
  /** Share of one core the server and the generator used. */
  serverCore: number;
  generatorCore: number;
  /** Share of the machine's CPU time stolen by the hypervisor. */
  steal: number;
  /** Busy share of the server's and generator's CPUs that neither of them used. */
  outsideServerCpu: number;
  outsideGeneratorCpu: number;
  /** Interrupt share of each core: the loopback traffic of this run, handled on its behalf. */
  irqServerCpu: number;
  irqGeneratorCpu: number;
  bound: Bound;
}

/**
 * Which component held a run back, from the shares of the two cores. A core's interrupt time
 * counts for the process pinned there: it is that process's network traffic being handled.
 */
export function boundOf(
  f: Pick<RunFigures, 'serverCore' | 'generatorCore' | 'outsideServerCpu'> &
    Partial<Pick<RunFigures, 'irqServerCpu' | 'irqGeneratorCpu'>>,
): Bound {
  const server = f.serverCore + (f.irqServerCpu ?? 0);
  if (server >= SATURATED) return 'server CPU';
  if (f.generatorCore + (f.irqGeneratorCpu ?? 0) >= SATURATED) return 'generator';
  if (server + f.outsideServerCpu >= SATURATED) return 'outside load';
  return 'neither (latency/network)';
}

/** Loads `options.url` once while watching the server's CPU (pid's tree) and the machine's. */
export async function measuredRun(
  kind: GeneratorKind,
  serverPid: number,
  options: GeneratorOptions,
): Promise<RunFigures> {
  const cpuBefore = treeCpuSeconds(serverPid);
  const statBefore = readProcStat();
  const run = await generate(kind, options);
  const cpuAfter = treeCpuSeconds(serverPid);
  const statAfter = readProcStat();
  const serverCpu = cpuBefore === null || cpuAfter === null ? Number.NaN : cpuAfter - cpuBefore;
  const seconds = run.seconds > 0 ? run.seconds : options.seconds;
  const all = cpuShare(statBefore, statAfter, 'cpu');
  const serverCpuShare = cpuShare(statBefore, statAfter, `cpu${SERVER_CPU}`);
  const generatorCpuShare = cpuShare(statBefore, statAfter, `cpu${GENERATOR_CPU}`);
  const serverCore = serverCpu / seconds;
  const generatorCore = run.generatorCpuSeconds / seconds;
  // Unpinned, the per-CPU split says nothing about who used which core.
  const outside = (share: typeof all, own: number) =>
    PINNING_OFF || !share ? 0 : Math.max(0, share.busy - own);
  const partial = {
    serverCore,
    generatorCore,
    outsideServerCpu: outside(serverCpuShare, serverCore),
    irqServerCpu: PINNING_OFF ? 0 : (serverCpuShare?.irq ?? 0),
    irqGeneratorCpu: PINNING_OFF ? 0 : (generatorCpuShare?.irq ?? 0),
  };
  return {
    reqPerSec: run.reqPerSec,
    cpuPerRequestUs: run.requests > 0 ? (serverCpu / run.requests) * 1e6 : Number.NaN,
    latencyP50Ms: run.latencyP50Ms,
    latencyP99Ms: run.latencyP99Ms,
    requests: run.requests,
    failures: run.failures,
    ...partial,
    outsideGeneratorCpu: outside(generatorCpuShare, generatorCore),
    steal: all?.steal ?? 0,
    bound: boundOf(partial),
  };
}

/** Median, min and max of some numbers (NaN when there are none). */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

/** What repeated runs of one server on one body add up to. */
export interface RoundsSummary {
  reqPerSec: { median: number; min: number; max: number };
  cpuPerRequestUs: { median: number; min: number; max: number };
  serverCore: number;
  generatorCore: number;
  /** Highest steal and outside load seen in any round. */
  steal: number;
  outside: number;
  failures: number;
  /** The bound most rounds had. */
  bound: Bound;
  rounds: number;
  /** Rounds without outside load on either core; the medians are theirs when there is any. */
  clean: number;
}

/** A round in which neither core did noticeable work for anyone but the server and the generator. */
export function isClean(run: RunFigures): boolean {
  return run.outsideServerCpu < OUTSIDE_LOAD && run.outsideGeneratorCpu < OUTSIDE_LOAD;
}

/**
 * Medians, min–max and the usual bound of repeated rounds. Rounds with outside load are left out
 * of the figures when at least one clean round exists (other processes make a server look slower
 * than it is); when none is clean all rounds count and `clean` is 0, so that readers know.
 */
export function summarize(all: readonly RunFigures[]): RoundsSummary {
  const cleanRuns = all.filter(isClean);
  const runs = cleanRuns.length > 0 ? cleanRuns : all;
  const counts = new Map<Bound, number>();
  for (const r of runs) counts.set(r.bound, (counts.get(r.bound) ?? 0) + 1);
  const bound = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'neither (latency/network)';
  return {
    reqPerSec: spread(runs.map((r) => r.reqPerSec)),
    cpuPerRequestUs: spread(runs.map((r) => r.cpuPerRequestUs)),
    serverCore: spread(runs.map((r) => r.serverCore)).median,
    generatorCore: spread(runs.map((r) => r.generatorCore)).median,
    steal: Math.max(0, ...all.map((r) => r.steal)),
    outside: Math.max(0, ...runs.map((r) => Math.max(r.outsideServerCpu, r.outsideGeneratorCpu))),
    failures: all.reduce((sum, r) => sum + r.failures, 0),
    bound,
    rounds: all.length,
    clean: cleanRuns.length,
  };
}
