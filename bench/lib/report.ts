/**
 * The bench's results as data, and their rendering: a target check per measurement and one text
 * table. Pure (data in, data out) so that test/bench can check it without generating any load.
 */

/** A target a measured value must meet, e.g. `{ op: '>=', value: 0.7 }` for "standin/node ≥ 0.70". */
export interface Target {
  op: '>=' | '<=' | '<';
  value: number;
  /** How the value reads in the table, e.g. `×` for ratios or ` MB`. */
  unit?: string;
}

/** `pass` and `MISSED` are judged against a target; `info` has none; `skipped` could not be measured. */
export type Verdict = 'pass' | 'MISSED' | 'info' | 'skipped';

/** One row of the table: one measurement. */
export interface Measurement {
  /** Stable key for the JSON, e.g. `export-json-100.standin-vs-node`. */
  id: string;
  /** What was measured, as the table shows it. */
  title: string;
  /** The absolute figures, e.g. `{ 'req/s': 4100, 'p50 ms': 11, 'p99 ms': 21 }`. */
  figures: Record<string, number>;
  /** What the judged value is, e.g. `standin/node req/s`; absent when nothing is judged. */
  ratioLabel?: string;
  /** The judged value (a ratio, a latency ratio, megabytes, rows per second...). */
  ratio?: number | null;
  target?: Target;
  verdict: Verdict;
  /** Why a row is skipped, or anything a reader needs to read the figures right. */
  note?: string;
}

/** Everything one run produced; written as bench/results/latest.json. */
export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryMB: number;
    node: string;
    platform: string;
    /** 1-minute load average at the start and at the end: above the CPU count, other work shared the machine. */
    loadAverage: { start: number; end: number };
  };
  settings: {
    connections: number;
    seconds: Record<string, number>;
    /** The load generator of the peer comparison, its rounds, and how processes were pinned. */
    generator?: string;
    rounds?: number;
    quick?: boolean;
    pinning?: string;
    /** Share of all CPU time the hypervisor stole over the whole run (/proc/stat). */
    stealShare?: number | null;
  };
  measurements: Measurement[];
}

/** `a / b`, or null when either side is missing or b is not a positive number. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** Whether a value meets its target; a missing value never passes. */
export function meets(value: number | null | undefined, target: Target): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  switch (target.op) {
    case '>=':
      return value >= target.value;
    case '<=':
      return value <= target.value;
    case '<':
      return value < target.value;
  }
}

/** The verdict of a judged value: without a target it is `info`, without a value `MISSED`. */
export function judge(value: number | null | undefined, target: Target | undefined): Verdict {
  if (!target) return 'info';
  return meets(value, target) ? 'pass' : 'MISSED';
}

/**
 * Builds a measurement and judges it in one step.
 * @example measurement({ id: 'x', title: 'X', figures: { 'req/s': 10 }, ratio: 0.8, ratioLabel: 'a/b', target: { op: '>=', value: 0.7 } })
 */
export function measurement(fields: Omit<Measurement, 'verdict'>): Measurement {
  return { ...fields, verdict: judge(fields.ratio, fields.target) };
}

/** A row for something that could not be measured in this run, with the reason. */
export function skipped(id: string, title: string, note: string, target?: Target): Measurement {
  return { id, title, figures: {}, ...(target ? { target } : {}), verdict: 'skipped', note };
}

/** A number for a reader: thousands separated, at most `digits` decimals, fewer for large values. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const decimals = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 1) : digits;
  return value.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** Bytes with a binary unit: `512 B`, `81.9 KB`, `12.3 MB`, `1.02 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, unit === 0 ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

/** A figure by its name: names ending in `bytes` or `B/s` are sizes, the rest plain numbers. */
export function formatFigure(name: string, value: number): string {
  if (name.endsWith('B/s')) return `${formatBytes(value)}/s ${name.slice(0, -3).trim()}`.trim();
  if (name.endsWith('bytes')) return `${formatBytes(value)} ${name.slice(0, -5).trim()}`.trim();
  return `${formatNumber(value)} ${name}`;
}

/** `≥ 0.7×`, `≤ 1.5×`, `< 100 MB`. */
export function formatTarget(target: Target | undefined): string {
  if (!target) return '—';
  const op = target.op === '>=' ? '≥' : target.op === '<=' ? '≤' : '<';
  return `${op} ${formatNumber(target.value)}${target.unit ?? ''}`;
}

function ratioCell(m: Measurement): string {
  if (m.ratio === undefined || m.ratio === null) return m.ratioLabel ? `${m.ratioLabel} —` : '—';
  const unit = m.target?.unit ?? '';
  return `${m.ratioLabel ? `${m.ratioLabel} ` : ''}${formatNumber(m.ratio)}${unit}`;
}

/** The cells of one row, in table order: measurement, figures, ratio, target, result. */
export function rowCells(m: Measurement): [string, string, string, string, string] {
  const figures = Object.entries(m.figures)
    .map(([name, value]) => formatFigure(name, value))
    .join(' · ');
  const shown = m.verdict === 'skipped' ? `skipped: ${m.note ?? ''}`.trim() : figures;
  return [m.title, shown || '—', ratioCell(m), formatTarget(m.target), m.verdict];
}

export const TABLE_HEADER = ['measurement', 'figures', 'ratio', 'target', 'result'] as const;

/** The measurements as a Markdown table (it reads well in a terminal and pastes into the README). */
export function formatTable(measurements: readonly Measurement[]): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    `| ${TABLE_HEADER.join(' | ')} |`,
    `| ${TABLE_HEADER.map(() => '---').join(' | ')} |`,
    ...measurements.map((m) => `| ${rowCells(m).map(escapeCell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** One line per missed target, for the end of the run; empty when every judged target passed. */
export function missedLines(measurements: readonly Measurement[]): string[] {
  return measurements
    .filter((m) => m.verdict === 'MISSED')
    .map((m) => `MISSED: ${m.title}: ${ratioCell(m)} (target ${formatTarget(m.target)})`);
}

/**
 * A warning when other work shared the CPUs during the run (figures then drift), else null.
 * At the start the 1-minute load average is others' alone; at the end it includes the bench
 * itself, which keeps about two processes busy (the load generator and the server under test).
 */
export function busyMachineWarning(load: { start: number; end: number }, cpus: number): string | null {
  if (load.start <= cpus && load.end <= cpus + 2) return null;
  return (
    `WARNING: load average ${formatNumber(load.start)} at start, ${formatNumber(load.end)} at end on ${cpus} CPUs ` +
    '(the bench itself adds about 2): other processes shared the machine, so absolute figures and ratios are ' +
    'less reliable; rerun on a quiet machine'
  );
}
