import { describe, expect, it } from 'vitest';
import {
  type CpuProfile,
  formatHotspots,
  hotspots,
  inclusiveByFile,
  shortUrl,
} from '../../bench/lib/cpu-profile.ts';
import { combine, type LoadResult } from '../../bench/lib/load.ts';
import { parseProcStatus } from '../../bench/lib/rss.ts';
import { requestsFor } from '../../bench/measures/formats.ts';
import { sizeForRows } from '../../bench/measures/scale.ts';
import { oneYearEndingOn } from '../../bench/measures/streaming.ts';

describe('bench memory readings', () => {
  it('reads VmRSS and VmHWM out of /proc/<pid>/status in bytes', () => {
    const text = 'Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t7\n';
    expect(parseProcStatus(text)).toEqual({ rss: 100 * 2 ** 20, peak: 200 * 2 ** 20 });
  });

  it('reads missing fields as zero', () => {
    expect(parseProcStatus('Name:\tnode\n')).toEqual({ rss: 0, peak: 0 });
  });
});

describe('bench world sizes and windows', () => {
  it('asks for 1% more tickets than the rows need, so the deep page exists', () => {
    expect(sizeForRows(1_000_000, 2, 400)).toEqual({ agents: 400, days: 420, tickets: 505_000 });
  });

  it('asks VoIPcube for exactly one calendar year ending on the anchor day', () => {
    expect(oneYearEndingOn('2025-09-30')).toEqual({
      from: '2024-09-30T23:59:59.999Z',
      to: '2025-09-30T23:59:59.999Z',
    });
  });
});

describe('bench CPU profile summary', () => {
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 1000,
    nodes: [
      {
        id: 1,
        callFrame: { functionName: '(root)', url: '', lineNumber: -1 },
        hitCount: 0,
        children: [2, 3, 4],
      },
      {
        id: 2,
        callFrame: {
          functionName: 'json',
          url: 'file:///work/main/mocks/enneo/export-store.ts',
          lineNumber: 9,
        },
        hitCount: 6,
      },
      {
        id: 3,
        callFrame: {
          functionName: 'json',
          url: 'file:///work/main/mocks/enneo/export-store.ts',
          lineNumber: 9,
        },
        hitCount: 2,
      },
      {
        id: 4,
        callFrame: {
          functionName: 'send',
          url: 'file:///x/node_modules/express/lib/response.js',
          lineNumber: 125,
        },
        hitCount: 2,
      },
    ],
  };

  it('shortens paths to the project folder or the package', () => {
    expect(shortUrl('file:///work/main/src/app.ts')).toBe('src/app.ts');
    expect(shortUrl('file:///a/node_modules/b/node_modules/jose/x.js')).toBe('node_modules/jose/x.js');
    expect(shortUrl('node:buffer')).toBe('node:buffer');
    expect(shortUrl('')).toBe('(native)');
  });

  it('adds up self time per function and per file, largest first', () => {
    const { functions, files } = hotspots(profile);
    expect(functions).toEqual([
      { name: 'json mocks/enneo/export-store.ts:10', samples: 8, share: 0.8 },
      { name: 'send node_modules/express/lib/response.js:126', samples: 2, share: 0.2 },
    ]);
    expect(files.map((f) => f.name)).toEqual([
      'mocks/enneo/export-store.ts',
      'node_modules/express/lib/response.js',
    ]);
    expect(formatHotspots(files)).toBe(
      '  80.0%  mocks/enneo/export-store.ts\n  20.0%  node_modules/express/lib/response.js',
    );
  });

  it("counts a callee's time for every file on its stack, once per file", () => {
    const nested: CpuProfile = {
      startTime: 0,
      endTime: 1,
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2] },
        {
          id: 2,
          callFrame: { functionName: 'handler', url: 'file:///r/mocks/a.ts', lineNumber: 0 },
          hitCount: 1,
          children: [3],
        },
        {
          id: 3,
          callFrame: { functionName: 'inner', url: 'file:///r/mocks/a.ts', lineNumber: 5 },
          children: [4],
        },
        { id: 4, callFrame: { functionName: 'from', url: 'node:buffer', lineNumber: 0 }, hitCount: 3 },
      ],
    };
    expect(inclusiveByFile(nested)).toEqual([
      { name: 'mocks/a.ts', samples: 4, share: 1 },
      { name: 'node:buffer', samples: 3, share: 0.75 },
    ]);
  });
});

describe('bench load arithmetic', () => {
  const run = (fields: Partial<LoadResult>): LoadResult => ({
    reqPerSec: 0,
    bytesPerSec: 0,
    latencyMeanMs: 0,
    latencyP50Ms: 0,
    latencyP99Ms: 0,
    requests: 0,
    failures: 0,
    ...fields,
  });

  it('merges two halves of a run: mean latency weighted by requests, p99 the worse one', () => {
    const merged = combine(
      run({
        reqPerSec: 100,
        latencyMeanMs: 10,
        latencyP50Ms: 9,
        latencyP99Ms: 30,
        requests: 300,
        failures: 1,
      }),
      run({ reqPerSec: 200, latencyMeanMs: 20, latencyP50Ms: 19, latencyP99Ms: 25, requests: 100 }),
    );
    expect(merged).toEqual(
      run({
        reqPerSec: 150,
        latencyMeanMs: 12.5,
        latencyP50Ms: 14,
        latencyP99Ms: 30,
        requests: 400,
        failures: 1,
      }),
    );
  });

  it('sizes a fixed-count run to the time asked for, but never below two rounds of connections', () => {
    expect(requestsFor(5, 20, 50)).toBe(250);
    expect(requestsFor(5, 200, 50)).toBe(100);
    expect(requestsFor(5, 0, 50)).toBe(20_000);
  });
});
