/**
 * The contract suite: `runVerify(options)` checks one vendor's server against contracts/.
 * It reads only the contracts (and, for default ids, fixtures/people.json) and speaks HTTP.
 */
import { runSuite } from './runner.ts';
import type { Report, SuiteOptions, SuiteVendor, VendorPlan } from './types.ts';
import { autozodPlan } from './vendors/autozod/index.ts';
import { enneoPlan } from './vendors/enneo/plan.ts';
import { voipcubePlan } from './vendors/voipcube/index.ts';

export const VENDOR_PLANS: Record<SuiteVendor, VendorPlan> = {
  enneo: enneoPlan,
  voipcube: voipcubePlan,
  autozod: autozodPlan,
};

/**
 * Runs the checks for `options.target.vendor` (all, or `options.checks`), against the network or,
 * with `options.fetch`, an in-process handler.
 * @example
 *   const handler = createFetchHandler();
 *   await runVerify({ target: { vendor: 'voipcube', baseUrl: 'http://standin.local/voipcube', credentials: { key }, ids: {} },
 *     fetch: handler, strict: true, maxRequests: 1000, ratePerSecond: 0, timeoutMs: 10_000, seed: 1 });
 */
export function runVerify(options: SuiteOptions): Promise<Report> {
  return runSuite(options, VENDOR_PLANS);
}

export { formatConsole } from './reporters/console.ts';
export { formatJson } from './reporters/json.ts';
export { formatJunit } from './reporters/junit.ts';
export { formatProgress } from './reporters/progress.ts';
export type {
  CheckName,
  FetchLike,
  Finding,
  Outcome,
  ProgressEvent,
  Report,
  SuiteOptions,
  Target,
} from './types.ts';
export { CHECKS } from './types.ts';

/**
 * The rate `verify` uses when none is given: unbounded for a loopback target or an in-process
 * one (nobody else's server is loaded), 20 requests a second for any other host.
 */
export function defaultRate(baseUrl: string, inProcess = false): number {
  if (inProcess) return 0;
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)
    ? 0
    : 20;
}
