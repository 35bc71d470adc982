import { describe, expect, it } from 'vitest';
import { type CpuProfile, formatHotspots, hotspots, shortUrl } from '../../bench/lib/cpu-profile.ts';
import { parseProcStatus } from '../../bench/lib/rss.ts';
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
});
