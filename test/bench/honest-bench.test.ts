import { describe, expect, it } from 'vitest';
import { cpuShare, parsePidStat, parseProcStat } from '../../bench/lib/cpu.ts';
import { parseTimes, parseWrk } from '../../bench/lib/generator.ts';
import { formatPeerTable } from '../../bench/lib/peer-table.ts';
import { measurement, skipped } from '../../bench/lib/report.ts';
import { boundOf, type RunFigures, spread, summarize } from '../../bench/lib/rounds.ts';

const WRK_REPORT = `Running 5s test @ http://127.0.0.1:40123/page
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.81ms  620.00us  21.30ms   91.20%
    Req/Sec    10.43k   310.25    10.90k    78.00%
  Latency Distribution
     50%    4.75ms
     75%    5.01ms
     90%    5.40ms
     99%  850.00us
  52150 requests in 5.00s, 5.78GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  10430.12
Transfer/sec:      1.16GB
`;

describe('wrk and times reports', () => {
  it('reads req/s, transfer, latency percentiles in ms, requests and every failure from wrk --latency', () => {
    expect(parseWrk(WRK_REPORT)).toEqual({
      reqPerSec: 10430.12,
      bytesPerSec: 1.16 * 1024 ** 3,
      latencyP50Ms: 4.75,
      latencyP99Ms: 0.85,
      requests: 52150,
      failures: 7,
      seconds: 5,
    });
  });

  it("takes the children's user+system seconds from the last line of `times` and strips both lines", () => {
    const out = `${WRK_REPORT}0m0.001000s 0m0.002000s\n0m1.250000s 0m0.500000s\n`;
    const { text, cpuSeconds } = parseTimes(out);
    expect(cpuSeconds).toBeCloseTo(1.75, 9);
    expect(text.trimEnd().endsWith('Transfer/sec:      1.16GB')).toBe(true);
    expect(parseTimes('no times here').cpuSeconds).toBeNaN();
  });
});

describe('/proc readings', () => {
  it('reads ppid and utime+stime of a process whose name holds spaces and parentheses', () => {
    const line = '4242 (node (x) y) S 17 4242 4242 0 -1 4194304 100 0 0 0 250 75 0 0 20 0 11 0 9000 0 0';
    expect(parsePidStat(line)).toEqual({ ppid: 17, ticks: 325 });
    expect(parsePidStat('garbage')).toBeNull();
  });

  it('gives process, interrupt and steal shares of one CPU between two /proc/stat readings', () => {
    const before = parseProcStat('cpu  10 0 10 100 0 0 0 0 0 0\ncpu0 5 0 5 50 0 0 0 0 0 0\n');
    const after = parseProcStat('cpu  80 0 30 160 0 0 0 30 0 0\ncpu0 65 0 15 60 0 4 16 0 0 0\n');
    // cpu: busy 90, steal 30, idle 60 ticks → 180 in all.
    expect(cpuShare(before, after, 'cpu')).toEqual({ busy: 0.5, irq: 0, steal: 30 / 180, busySeconds: 0.9 });
    // cpu0: busy 70, irq+softirq 20, idle 10 → 100; loopback interrupts are not a process's load.
    expect(cpuShare(before, after, 'cpu0')).toEqual({ busy: 0.7, irq: 0.2, steal: 0, busySeconds: 0.7 });
    expect(cpuShare(before, after, 'cpu7')).toBeNull();
  });
});

describe('rounds', () => {
  const run = (reqPerSec: number, serverCore: number, generatorCore: number, outside = 0): RunFigures => ({
    reqPerSec,
    cpuPerRequestUs: 1e6 / reqPerSec,
    latencyP50Ms: 1,
    latencyP99Ms: 2,
    requests: reqPerSec * 5,
    failures: 0,
    serverCore,
    generatorCore,
    steal: 0.01,
    outsideServerCpu: outside,
    outsideGeneratorCpu: 0,
    irqServerCpu: 0,
    irqGeneratorCpu: 0,
    bound: boundOf({ serverCore, generatorCore, outsideServerCpu: outside }),
  });

  it('names the component that used up its core, and outside load when the server core was shared', () => {
    expect(boundOf({ serverCore: 0.97, generatorCore: 0.99, outsideServerCpu: 0 })).toBe('server CPU');
    expect(boundOf({ serverCore: 0.5, generatorCore: 0.95, outsideServerCpu: 0 })).toBe('generator');
    // A core busy with the server's own network interrupts is the server's.
    expect(
      boundOf({ serverCore: 0.65, generatorCore: 0.5, outsideServerCpu: 0.05, irqServerCpu: 0.25 }),
    ).toBe('server CPU');
    expect(boundOf({ serverCore: 0.6, generatorCore: 0.3, outsideServerCpu: 0.35 })).toBe('outside load');
    expect(boundOf({ serverCore: 0.4, generatorCore: 0.3, outsideServerCpu: 0 })).toBe(
      'neither (latency/network)',
    );
  });

  it('reports the median with min and max, and the bound most rounds had', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(spread([Number.NaN]).median).toBeNaN();
    const summary = summarize([run(1000, 0.99, 0.2), run(1200, 0.98, 0.2), run(900, 0.98, 0.2)]);
    expect(summary.reqPerSec).toEqual({ median: 1000, min: 900, max: 1200 });
    expect(summary.bound).toBe('server CPU');
    expect([summary.rounds, summary.clean]).toEqual([3, 3]);
  });

  it('leaves rounds with outside load out of the figures while any clean round exists', () => {
    const mixed = summarize([run(1000, 0.99, 0.2), run(400, 0.6, 0.2, 0.35), run(1100, 0.98, 0.2)]);
    expect(mixed.reqPerSec).toEqual({ median: 1050, min: 1000, max: 1100 });
    expect([mixed.rounds, mixed.clean, mixed.bound]).toEqual([3, 2, 'server CPU']);
    const dirty = summarize([run(400, 0.6, 0.2, 0.35), run(500, 0.55, 0.2, 0.4)]);
    expect(dirty.reqPerSec).toEqual({ median: 450, min: 400, max: 500 });
    expect([dirty.clean, dirty.bound, dirty.outside]).toEqual([0, 'outside load', 0.4]);
  });
});

describe('peer table', () => {
  it('prints one line per server and body with median (min–max), bound and verdict, and skipped peers with the reason', () => {
    const table = formatPeerTable([
      measurement({
        id: 'peers.page.standin',
        title: 'Export page (JSON, limit=100), 119 kB: standin [bound: server CPU]',
        figures: {
          'req/s': 9000,
          'req/s min': 8000,
          'req/s max': 9500,
          'µs CPU/req': 60,
          'µs CPU/req min': 55,
          'µs CPU/req max': 70,
          'clean rounds': 3,
        },
      }),
      measurement({
        id: 'peers.page.prism',
        title: 'Export page (JSON, limit=100), 119 kB: Prism 5.14.2 [bound: server CPU]',
        figures: {
          'req/s': 900,
          'req/s min': 800,
          'req/s max': 950,
          'µs CPU/req': 1100,
          'µs CPU/req min': 1000,
          'µs CPU/req max': 1200,
          'clean rounds': 2,
        },
        ratioLabel: 'standin/peer req/s',
        ratio: 10,
        target: { op: '>=', value: 5, unit: '×' },
      }),
      skipped(
        'peers.page.mockoon',
        'Export page (JSON, limit=100): Mockoon CLI 9.9.0',
        'not installed: offline',
      ),
      measurement({ id: 'formats.json', title: 'not a peer row', figures: {} }),
    ]).split('\n');
    expect(lines(table)).toEqual([
      'Export page (JSON, limit=100), 119 kB: standin, bound: server CPU | 9,000 (8,000–9,500) | 60 (55–70) | 3 | — | — | info',
      'Export page (JSON, limit=100), 119 kB: Prism 5.14.2, bound: server CPU | 900 (800–950) | 1,100 (1,000–1,200) | 2 | standin/peer req/s 10 | ≥ 5× | pass',
      'Export page (JSON, limit=100): Mockoon CLI 9.9.0 | skipped: not installed: offline | | | | | skipped',
    ]);
  });
});

/** The body lines of a Markdown table, without the outer pipes. */
function lines(table: string[]): string[] {
  return table.slice(2).map((line) => line.slice(2, -2));
}
