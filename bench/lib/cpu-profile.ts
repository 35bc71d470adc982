/**
 * Reading a V8 `.cpuprofile` (what `node --cpu-prof` writes) down to where the time went:
 * self time per function and per file. Pure, so that it is tested without profiling anything.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/** The parts of a V8 CPU profile this module reads. */
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

/** A place that took CPU time itself (not in what it called). */
export interface Hotspot {
  name: string;
  /** Share of all samples, 0..1. */
  share: number;
  samples: number;
}

/** A file path made short and readable: `mocks/enneo/router.ts`, `node_modules/express/…`, `(native)`. */
export function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + 1);
  for (const root of ['/mocks/', '/src/', '/bench/']) {
    const at = path.lastIndexOf(root);
    if (at >= 0) return path.slice(at + 1);
  }
  return path;
}

function top(counts: Map<string, number>, total: number, limit: number): Hotspot[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, samples]) => ({ name, samples, share: total > 0 ? samples / total : 0 }));
}

/**
 * The functions and the files with the most self time. `(idle)`, `(program)` and `(garbage
 * collector)` stay in as V8 names them: idle time says the process waited, GC time says it allocated.
 */
export function hotspots(profile: CpuProfile, limit = 20): { functions: Hotspot[]; files: Hotspot[] } {
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortUrl(url);
    const name =
      url === ''
        ? functionName || '(anonymous)'
        : `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    const fileKey = url === '' ? functionName || '(native)' : file;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + hits);
  }
  return { functions: top(byFunction, total, limit), files: top(byFile, total, limit) };
}

/**
 * Time spent in each file including what it called: a sample counts for every file on its stack
 * (once per file). Async continuations start from the microtask queue, so a file's awaited work
 * counts under the file that resumes, e.g. jose's verify under jose, not under the caller.
 */
export function inclusiveByFile(profile: CpuProfile, limit = 20): Hotspot[] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const counts = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    total += hits;
    const files = new Set<string>();
    for (let at: ProfileNode | undefined = node; at; at = byId.get(parent.get(at.id) ?? -1)) {
      if (at.callFrame.url !== '') files.add(shortUrl(at.callFrame.url));
    }
    for (const file of files) counts.set(file, (counts.get(file) ?? 0) + hits);
  }
  return top(counts, total, limit);
}

/** Hotspots as aligned text lines: `  23.4%  name`. */
export function formatHotspots(list: readonly Hotspot[]): string {
  return list.map((h) => `${(h.share * 100).toFixed(1).padStart(6)}%  ${h.name}`).join('\n');
}
