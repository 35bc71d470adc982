/**
 * The contract suite: `runVerify(options)` checks one vendor's server against contracts/.
 * It reads only the contracts (and, for default ids, fixtures/people.json) and speaks HTTP.
 */
import { runSuite } from './runner.ts';
import type { Report, SuiteOptions, SuiteVendor, VendorPlan } from './types.ts';
import { autozodPlan } from './vendors/autozod.ts';
import { enneoPlan } from './vendors/enneo.ts';
import { voipcubePlan } from './vendors/voipcube.ts';

export const VENDOR_PLANS: Record<SuiteVendor, VendorPlan> = {
  enneo: enneoPlan,
  voipcube: voipcubePlan,
  autozod: autozodPlan,
};

/** Runs every check for `options.target.vendor`. */
export function runVerify(options: SuiteOptions): Promise<Report> {
  return runSuite(options, VENDOR_PLANS);
}

export { formatConsole } from './reporters/console.ts';
export { formatJson } from './reporters/json.ts';
export { formatJunit } from './reporters/junit.ts';
export type { CheckName, Finding, Outcome, Report, SuiteOptions, Target } from './types.ts';
export { CHECKS } from './types.ts';
