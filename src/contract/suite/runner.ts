import { loadContract } from '../loader.ts';
import { createContext } from './context.ts';
import { BudgetExceededError, createHttpClient, TransportError } from './http-client.ts';
import type { Finding, Outcome, Report, SuiteOptions, SuiteVendor, VendorPlan } from './types.ts';

/** Largest body the suite reads (an export of 1000 rows in xlsx is a few MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Runs every check of one vendor against `options.target` and returns the report.
 * Never throws for the target's behaviour: an unreachable or unauthorised target, or answers the
 * checks cannot read, give exitCode 2 with `fatal` saying why.
 * @example const report = await runSuite({ target: { vendor: 'voipcube', baseUrl, credentials: { key }, ids: {} }, strict: true, maxRequests: 500, ratePerSecond: 0, timeoutMs: 10_000, seed: 1 }, plans);
 */
export async function runSuite(
  options: SuiteOptions,
  plans: Record<SuiteVendor, VendorPlan>,
): Promise<Report> {
  const started = Date.now();
  const findings: Finding[] = [];
  const contract = await loadContract(options.target.vendor);
  const client = createHttpClient({
    baseUrl: options.target.baseUrl,
    maxRequests: options.maxRequests,
    ratePerSecond: options.ratePerSecond,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  const ctx = createContext({
    target: options.target,
    contract,
    strict: options.strict,
    seed: options.seed,
    client,
    findings,
  });
  let fatal: string | undefined;
  try {
    await plans[options.target.vendor](ctx);
  } catch (err) {
    if (err instanceof BudgetExceededError) {
      findings.push({
        check: 'robustness',
        endpoint: '*',
        outcome: 'skip',
        title: 'remaining checks',
        message: `${err.message}; the remaining checks did not run (raise --max-requests)`,
      });
    } else if (err instanceof UnusableTargetError || err instanceof TransportError) {
      fatal = ctx.redact(err instanceof TransportError ? `${err.message} (${err.url})` : err.message);
    } else {
      // Plans read values out of the target's answers; an answer shaped unlike the contract (an
      // array of items without the documented fields) can break that reading. The target failed,
      // and the run says so, rather than verify crashing with a stack trace.
      const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      fatal = ctx.redact(
        `the checks stopped on an answer they could not read (${why}); the target's answers do not have the documented shape`,
      );
    }
  }
  const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const f of findings) totals[f.outcome]++;
  const exitCode = fatal ? 2 : totals.fail > 0 ? 1 : 0;
  const report: Report = {
    vendor: options.target.vendor,
    baseUrl: options.target.baseUrl,
    strict: options.strict,
    seed: options.seed,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    requests: client.sent,
    findings,
    totals,
    exitCode,
  };
  if (fatal) report.fatal = fatal;
  return report;
}

/** Thrown by a plan's first request when the target cannot be judged (wrong credentials, wrong URL). */
export class UnusableTargetError extends Error {
  override readonly name = 'UnusableTargetError';
}
