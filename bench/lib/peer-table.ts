/**
 * The peer comparison as a compact table — one line per server and body with req/s and CPU per
 * request as median (min–max), the bounding component and the clean rounds — read back from the
 * measurements' figures, so that it can be printed after the full table and pasted into the README.
 */
import { formatNumber, type Measurement } from './report.ts';

const range = (m: Measurement, name: string, digits: number): string => {
  const f = m.figures;
  if (f[name] === undefined) return '—';
  const n = (v: number | undefined) => (v === undefined ? '?' : formatNumber(v, digits));
  return `${n(f[name])} (${n(f[`${name} min`])}–${n(f[`${name} max`])})`;
};

/** The peer rows (`peers.<body>.<server>`) as a Markdown table; empty when there are none. */
export function formatPeerTable(measurements: readonly Measurement[]): string {
  const rows = measurements.filter((m) => /^peers\.(page|small)\./.test(m.id));
  if (rows.length === 0) return '';
  const lines = [
    '| answer: server | req/s median (min–max) | µs server CPU per request median (min–max) | clean rounds | standin vs peer | target | result |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const m of rows) {
    const cut = m.title.indexOf(': ');
    const answer = m.title.slice(0, cut);
    const rest = m.title.slice(cut + 2);
    const server = rest.replace(/ \[bound: (.*)\]$/, ', bound: $1');
    if (m.verdict === 'skipped') {
      lines.push(`| ${answer}: ${rest} | skipped: ${m.note ?? ''} | | | | | skipped |`);
      continue;
    }
    const judged =
      m.ratio === undefined || m.ratio === null
        ? '—'
        : `${m.ratioLabel ?? ''} ${formatNumber(m.ratio)}`.trim();
    const target = m.target
      ? `${m.target.op === '>=' ? '≥' : '≤'} ${m.target.value}${m.target.unit ?? ''}`
      : '—';
    lines.push(
      `| ${answer}: ${server} | ${range(m, 'req/s', 0)} | ${range(m, 'µs CPU/req', 0)} | ` +
        `${m.figures['clean rounds'] ?? '—'} | ${judged} | ${target} | ${m.verdict} |`,
    );
  }
  return lines.join('\n');
}
