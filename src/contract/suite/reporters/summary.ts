import type { CheckName, Finding, Outcome, Report } from '../types.ts';
import { CHECKS } from '../types.ts';

/** One check on one endpoint, with the worst outcome of its findings. */
export interface CheckResult {
  check: CheckName;
  endpoint: string;
  outcome: Outcome;
  counts: Record<Outcome, number>;
  /** The findings that failed or warned (or, for a skip, why). */
  notable: Finding[];
}

const SEVERITY: Record<Outcome, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** Groups findings per check × endpoint in report order: what every reporter prints. */
export function summarise(report: Report): CheckResult[] {
  const groups = new Map<string, CheckResult>();
  for (const f of report.findings) {
    const key = `${f.check}\u0000${f.endpoint}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        check: f.check,
        endpoint: f.endpoint,
        outcome: f.outcome,
        counts: { pass: 0, fail: 0, warn: 0, skip: 0 },
        notable: [],
      };
      groups.set(key, group);
    }
    group.counts[f.outcome]++;
    if (SEVERITY[f.outcome] > SEVERITY[group.outcome]) group.outcome = f.outcome;
    if (f.outcome !== 'pass') group.notable.push(f);
  }
  return [...groups.values()].sort(
    (a, b) => CHECKS.indexOf(a.check) - CHECKS.indexOf(b.check) || a.endpoint.localeCompare(b.endpoint, 'en'),
  );
}
