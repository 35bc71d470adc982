/**
 * CPU time as Linux accounts it: a process tree's user+system time from /proc/<pid>/stat, and the
 * machine's per-CPU busy, idle and steal time from /proc/stat. CPU per request does not depend on
 * who saturates first (server or generator), so it is the figure the bench compares; steal and
 * outside load say how far a run can be trusted. Parsers are pure; readers return null off Linux.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (`getconf CLK_TCK`; 100 on every common Linux). */
export const CLOCK_TICKS = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

/** utime, stime (ticks) and ppid out of a /proc/<pid>/stat line; the name may hold spaces and ')'. */
export function parsePidStat(text: string): { ppid: number; ticks: number } | null {
  const close = text.lastIndexOf(')');
  if (close < 0) return null;
  // Fields after the name start at field 3 (state); ppid is field 4, utime 14, stime 15.
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const ppid = Number(fields[1]);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (![ppid, utime, stime].every(Number.isFinite)) return null;
  return { ppid, ticks: utime + stime };
}

/**
 * CPU seconds used so far by `pid` and every live descendant (Prism, WireMock and Mockoon may start
 * helpers). Descendants that already exited are not counted; servers under load keep theirs.
 */
export function treeCpuSeconds(pid: number): number | null {
  let own: { ppid: number; ticks: number } | null;
  try {
    own = parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
  if (!own) return null;
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>([[pid, own.ticks]]);
  for (const name of readdirSync('/proc')) {
    const other = Number(name);
    if (!Number.isInteger(other) || other === pid) continue;
    try {
      const stat = parsePidStat(readFileSync(`/proc/${other}/stat`, 'utf8'));
      if (!stat) continue;
      ticks.set(other, stat.ticks);
      children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), other]);
    } catch {
      // Gone between readdir and read.
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop()!;
    total += ticks.get(next) ?? 0;
    queue.push(...(children.get(next) ?? []));
  }
  return total / CLOCK_TICKS;
}

/** One CPU's counters from /proc/stat, in ticks. */
export interface CpuTimes {
  /** user, nice and system: time some process was charged for. */
  busy: number;
  /**
   * irq and softirq: mostly the loopback traffic of the run itself, which no process is charged
   * for, so it is kept apart from `busy` rather than counted as other processes' load.
   */
  irq: number;
  idle: number;
  steal: number;
}

/** Per-CPU counters (`cpu0`, `cpu1`, ...) and the all-CPU line (`cpu`) of a /proc/stat text. */
export function parseProcStat(text: string): Map<string, CpuTimes> {
  const cpus = new Map<string, CpuTimes>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) continue;
    const [name, ...rest] = line.trim().split(/\s+/);
    // user nice system idle iowait irq softirq steal (guest time is already inside user).
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
      rest.map(Number);
    cpus.set(name!, { busy: user + nice + system, irq: irq + softirq, idle: idle + iowait, steal });
  }
  return cpus;
}

/** The machine's CPU counters now, or null off Linux. */
export function readProcStat(): Map<string, CpuTimes> | null {
  try {
    return parseProcStat(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** What one CPU did between two /proc/stat readings, as fractions of its time. */
export interface CpuShare {
  /** Time charged to processes (user, nice, system). */
  busy: number;
  /** Interrupt time (irq, softirq). */
  irq: number;
  steal: number;
  /** Seconds of busy time. */
  busySeconds: number;
}

/** Busy and steal shares of `cpu` (e.g. `cpu0`, or `cpu` for all) between two readings. */
export function cpuShare(
  before: Map<string, CpuTimes> | null,
  after: Map<string, CpuTimes> | null,
  cpu: string,
): CpuShare | null {
  const a = before?.get(cpu);
  const b = after?.get(cpu);
  if (!a || !b) return null;
  const busy = b.busy - a.busy;
  const irq = b.irq - a.irq;
  const steal = b.steal - a.steal;
  const total = busy + irq + steal + (b.idle - a.idle);
  if (total <= 0) return null;
  return { busy: busy / total, irq: irq / total, steal: steal / total, busySeconds: busy / CLOCK_TICKS };
}
