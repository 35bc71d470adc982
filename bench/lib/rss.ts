import { readFileSync } from 'node:fs';

/** Resident memory of a process as Linux reports it in /proc/<pid>/status, in bytes. */
export interface MemoryStatus {
  /** VmRSS: resident now. */
  rss: number;
  /** VmHWM: the peak resident size since the process started. */
  peak: number;
}

/** Reads `VmRSS:   1234 kB`-style fields out of a /proc status text; missing fields are 0. */
export function parseProcStatus(text: string): MemoryStatus {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : 0;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** The memory of a running process, or null where /proc is not there (not Linux) or it has exited. */
export function readMemory(pid: number): MemoryStatus | null {
  try {
    return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

/** Samples a process's RSS on a timer; `stop()` returns the lowest, highest and last sample. */
export function sampleRss(
  pid: number,
  everyMs = 10,
): { stop(): { min: number; max: number; samples: number } } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let samples = 0;
  const take = () => {
    const memory = readMemory(pid);
    if (!memory) return;
    samples++;
    min = Math.min(min, memory.rss);
    max = Math.max(max, memory.rss);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { min, max, samples };
    },
  };
}
