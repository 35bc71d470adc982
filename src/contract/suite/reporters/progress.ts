import type { Outcome, ProgressEvent } from '../types.ts';

const MARK: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

/**
 * One progress line for a finished step, e.g.
 * `[ 3/11] PASS parameters   GET /export/reporting_worklog  19 passed (46 ms)`.
 */
export function formatProgress(e: ProgressEvent): string {
  const c = e.counts;
  const worst: Outcome = c.fail ? 'fail' : c.warn ? 'warn' : c.pass ? 'pass' : 'skip';
  const parts = [
    `${c.pass} passed`,
    ...(c.fail ? [`${c.fail} failed`] : []),
    ...(c.warn ? [`${c.warn} warned`] : []),
    ...(c.skip ? [`${c.skip} skipped`] : []),
  ];
  const width = String(e.total).length;
  return `[${String(e.index).padStart(width)}/${e.total}] ${MARK[worst]} ${e.check.padEnd(12)} ${e.endpoint}  ${parts.join(', ')} (${e.durationMs} ms)`;
}
