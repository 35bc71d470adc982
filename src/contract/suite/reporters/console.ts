import type { Report } from '../types.ts';
import { summarise } from './summary.ts';

const MARK = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

/** A human-readable report: one line per check × endpoint, then the failures and warnings. */
export function formatConsole(report: Report): string {
  const lines: string[] = [];
  lines.push(`standin verify — ${report.vendor} at ${report.baseUrl}${report.strict ? ' (strict)' : ''}`);
  if (report.fatal) {
    lines.push('', `ERROR: ${report.fatal}`, '', 'The target could not be checked (exit 2).');
    return `${lines.join('\n')}\n`;
  }
  lines.push('');
  for (const r of summarise(report)) {
    const c = r.counts;
    lines.push(
      `${MARK[r.outcome]}  ${r.check.padEnd(12)} ${r.endpoint}  (${c.pass} passed, ${c.fail} failed, ${c.warn} warned${c.skip ? `, ${c.skip} skipped` : ''})`,
    );
    for (const f of r.notable.slice(0, 10)) {
      lines.push(`      ${MARK[f.outcome]} ${f.title}${f.assumed ? ' [assumed]' : ''}`);
      if (f.message) lines.push(`           ${f.message}`);
      if (f.request) lines.push(`           request: ${f.request}`);
      for (const d of f.details ?? []) lines.push(`           - ${d}`);
    }
    if (r.notable.length > 10) lines.push(`      … and ${r.notable.length - 10} more`);
  }
  const t = report.totals;
  lines.push(
    '',
    `${t.pass} passed, ${t.fail} failed, ${t.warn} warned, ${t.skip} skipped — ${report.requests} requests in ${report.durationMs} ms (seed ${report.seed})`,
  );
  return `${lines.join('\n')}\n`;
}
