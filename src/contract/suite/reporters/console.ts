import type { Report } from '../types.ts';
import { summarise } from './summary.ts';

const MARK = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;
/** Warnings shown per check × endpoint; failures are always shown in full, as the other reporters record them. */
const MAX_WARNINGS = 10;

/** A human-readable report: one line per check × endpoint, every failure, then hints. */
export function formatConsole(report: Report): string {
  const lines: string[] = [];
  lines.push(`standin verify — ${report.vendor} at ${report.baseUrl}${report.strict ? ' (strict)' : ''}`);
  if (report.checks?.length) lines.push(`checks: ${report.checks.join(', ')}`);
  if (report.fatal) {
    lines.push('', `ERROR: ${report.fatal}`);
    for (const h of report.hints ?? []) lines.push(`hint: ${h}`);
    lines.push('', 'The target could not be checked (exit 2).');
    // What was seen before the run stopped (a probe's schema failure) is shown as the other reporters record it.
    if (!report.findings.some((f) => f.outcome === 'fail')) return `${lines.join('\n')}\n`;
  }
  lines.push('');
  for (const r of summarise(report)) {
    const c = r.counts;
    lines.push(
      `${MARK[r.outcome]}  ${r.check.padEnd(12)} ${r.endpoint}  (${c.pass} passed, ${c.fail} failed, ${c.warn} warned${c.skip ? `, ${c.skip} skipped` : ''})`,
    );
    const failures = r.notable.filter((f) => f.outcome === 'fail');
    const others = r.notable.filter((f) => f.outcome !== 'fail');
    const shown = [...failures, ...others.slice(0, MAX_WARNINGS)];
    for (const f of shown) {
      lines.push(`      ${MARK[f.outcome]} ${f.title}${f.assumed ? ' [assumed]' : ''}`);
      if (f.message) lines.push(`           ${f.message}`);
      if (f.request) lines.push(`           request: ${f.request}`);
      for (const d of f.details ?? []) lines.push(`           - ${d}`);
    }
    if (others.length > MAX_WARNINGS) lines.push(`      … and ${others.length - MAX_WARNINGS} more warnings`);
  }
  const t = report.totals;
  if (!report.fatal) for (const h of report.hints ?? []) lines.push('', `hint: ${h}`);
  lines.push(
    '',
    `${t.pass} passed, ${t.fail} failed, ${t.warn} warned, ${t.skip} skipped — ${report.requests} requests in ${report.durationMs} ms (seed ${report.seed})`,
  );
  return `${lines.join('\n')}\n`;
}
