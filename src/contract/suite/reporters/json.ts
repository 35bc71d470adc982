import type { Report } from '../types.ts';
import { summarise } from './summary.ts';

/** The machine-readable report: the totals, one result per check × endpoint, and every finding. */
export function formatJson(report: Report): string {
  return `${JSON.stringify({ ...report, results: summarise(report) }, null, 2)}\n`;
}
