import type { Report } from '../types.ts';
import { CHECKS } from '../types.ts';
import { summarise } from './summary.ts';

const xml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * JUnit XML: one <testsuite> per check, one <testcase> per endpoint. Failures become <failure>,
 * warnings pass with the warning in <system-out>, skips become <skipped>.
 */
export function formatJunit(report: Report): string {
  const results = summarise(report);
  const seconds = (report.durationMs / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = results.filter((r) => r.outcome === 'fail').length;
  const skipped = results.filter((r) => r.outcome === 'skip').length;
  const errors = report.fatal ? 1 : 0;
  out.push(
    `<testsuites name="standin verify ${xml(report.vendor)}" tests="${results.length + errors}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds}">`,
  );
  if (report.fatal) {
    out.push(`  <testsuite name="target" tests="1" failures="0" errors="1" skipped="0">`);
    out.push(`    <testcase classname="${xml(report.vendor)}.target" name="${xml(report.baseUrl)}">`);
    out.push(`      <error message="${xml(report.fatal)}"/>`);
    out.push('    </testcase>', '  </testsuite>');
  }
  for (const check of CHECKS) {
    const cases = results.filter((r) => r.check === check);
    if (cases.length === 0) continue;
    const f = cases.filter((r) => r.outcome === 'fail').length;
    const s = cases.filter((r) => r.outcome === 'skip').length;
    out.push(
      `  <testsuite name="${check}" tests="${cases.length}" failures="${f}" errors="0" skipped="${s}">`,
    );
    for (const r of cases) {
      out.push(`    <testcase classname="${xml(`${report.vendor}.${check}`)}" name="${xml(r.endpoint)}">`);
      const text = r.notable
        .map((n) => [n.title, n.message, n.request, ...(n.details ?? [])].filter(Boolean).join('\n  '))
        .join('\n');
      if (r.outcome === 'fail') {
        const first = r.notable.find((n) => n.outcome === 'fail');
        out.push(`      <failure message="${xml(first?.title ?? 'failed')}">${xml(text)}</failure>`);
      } else if (r.outcome === 'skip') {
        out.push(`      <skipped message="${xml(r.notable[0]?.message ?? 'skipped')}"/>`);
      } else if (r.outcome === 'warn') {
        out.push(`      <system-out>${xml(`WARN (assumed behaviour)\n${text}`)}</system-out>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
