import { describe, expect, it } from 'vitest';
import {
  busyMachineWarning,
  formatBytes,
  formatNumber,
  formatTable,
  judge,
  type Measurement,
  measurement,
  meets,
  missedLines,
  ratio,
  rowCells,
  skipped,
} from '../../bench/lib/report.ts';

describe('bench ratios and targets', () => {
  it('divides standin by its peer, and has no ratio when a side is missing or zero', () => {
    expect(ratio(700, 1000)).toBe(0.7);
    expect(ratio(700, 0)).toBeNull();
    expect(ratio(null, 1000)).toBeNull();
    expect(ratio(700, undefined)).toBeNull();
    expect(ratio(Number.NaN, 1000)).toBeNull();
  });

  it('passes a ratio exactly on an at-least target and misses just below it', () => {
    const target = { op: '>=', value: 0.7 } as const;
    expect(meets(0.7, target)).toBe(true);
    expect(meets(0.6999, target)).toBe(false);
    expect(judge(0.7, target)).toBe('pass');
    expect(judge(0.6999, target)).toBe('MISSED');
  });

  it('treats "under 100 MB" as strict and "within 1.5x" as inclusive', () => {
    expect(meets(99.9, { op: '<', value: 100 })).toBe(true);
    expect(meets(100, { op: '<', value: 100 })).toBe(false);
    expect(meets(1.5, { op: '<=', value: 1.5 })).toBe(true);
    expect(meets(1.51, { op: '<=', value: 1.5 })).toBe(false);
  });

  it('never passes a target without a value, and calls a row without a target info', () => {
    expect(judge(null, { op: '>=', value: 5 })).toBe('MISSED');
    expect(judge(undefined, { op: '<', value: 100 })).toBe('MISSED');
    expect(judge(12, undefined)).toBe('info');
  });
});

describe('bench number formatting', () => {
  it('separates thousands and drops decimals on large numbers', () => {
    expect(formatNumber(35123.456)).toBe('35,123');
    expect(formatNumber(123.456)).toBe('123.5');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(0.7)).toBe('0.7');
  });

  it('shows sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(118_842)).toBe('116 KB');
    expect(formatBytes(5 * 2 ** 20)).toBe('5 MB');
    expect(formatBytes(1.5 * 2 ** 30)).toBe('1.5 GB');
  });
});

describe('bench table', () => {
  const rows: Measurement[] = [
    measurement({
      id: 'a',
      title: 'Export page: node',
      figures: { 'req/s': 9000, 'ms p50': 5 },
      ratioLabel: 'standin/node',
      ratio: 0.5,
      target: { op: '>=', value: 0.7, unit: '×' },
    }),
    measurement({ id: 'b', title: 'Formats | csv', figures: { 'B/s': 2 * 2 ** 20 } }),
    skipped('c', 'Prism', 'Prism not available (offline)', { op: '>=', value: 5, unit: '×' }),
  ];

  it('renders one Markdown row per measurement with figures, ratio, target and result', () => {
    expect(formatTable(rows).split('\n')).toEqual([
      '| measurement | figures | ratio | target | result |',
      '| --- | --- | --- | --- | --- |',
      '| Export page: node | 9,000 req/s · 5 ms p50 | standin/node 0.5× | ≥ 0.7× | MISSED |',
      '| Formats \\| csv | 2 MB/s | — | — | info |',
      '| Prism | skipped: Prism not available (offline) | — | ≥ 5× | skipped |',
    ]);
  });

  it('lists each missed target on its own MISSED line and nothing for the rest', () => {
    expect(missedLines(rows)).toEqual(['MISSED: Export page: node: standin/node 0.5× (target ≥ 0.7×)']);
  });

  it('shows a judged row without a value as a dash, not as zero', () => {
    const row = measurement({ id: 'd', title: 'X', figures: {}, ratioLabel: 'a/b', ratio: null });
    expect(rowCells(row)).toEqual(['X', '—', 'a/b —', '—', 'info']);
  });
});

describe('bench busy-machine warning', () => {
  it('stays quiet when only the bench itself loaded the machine', () => {
    expect(busyMachineWarning({ start: 1.2, end: 3.9 }, 2)).toBeNull();
  });

  it('warns when others loaded the CPUs before the run or beyond the bench during it', () => {
    const text =
      ' on 2 CPUs (the bench itself adds about 2): other processes shared the machine, so absolute figures ' +
      'and ratios are less reliable; rerun on a quiet machine';
    expect(busyMachineWarning({ start: 2.5, end: 3 }, 2)).toBe(
      `WARNING: load average 2.5 at start, 3 at end${text}`,
    );
    expect(busyMachineWarning({ start: 0.5, end: 4.5 }, 2)).toBe(
      `WARNING: load average 0.5 at start, 4.5 at end${text}`,
    );
  });
});
