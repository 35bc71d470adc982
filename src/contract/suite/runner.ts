import { loadContract } from '../loader.ts';
import { createContext, endpointName } from './context.ts';
import { UnusableTargetError } from './errors.ts';
import { BudgetExceededError, createHttpClient, TransportError } from './http-client.ts';
import { PROBE_TITLE } from './shared/probe.ts';
import type {
  CheckContext,
  CheckStep,
  Finding,
  Outcome,
  Report,
  SuiteOptions,
  SuiteVendor,
  VendorPlan,
} from './types.ts';

/** Largest body the suite reads (an export of 1000 rows in xlsx is a few MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Runs the checks of one vendor against `options.target` and returns the report.
 * Never throws for the target's behaviour: a target that cannot be reached at all, refuses the
 * credentials, or has no endpoint that answers gives exitCode 2 with `fatal` saying why; one
 * endpoint that fails its probe, or a step whose requests stop being answered, fails those checks
 * and the run goes on.
 * @example const report = await runSuite({ target: { vendor: 'voipcube', baseUrl, credentials: { key }, ids: {} }, strict: true, maxRequests: 500, ratePerSecond: 0, timeoutMs: 10_000, seed: 1 }, plans);
 */
export async function runSuite(
  options: SuiteOptions,
  plans: Record<SuiteVendor, VendorPlan>,
): Promise<Report> {
  const started = Date.now();
  const findings: Finding[] = [];
  const hints: string[] = [];
  const contract = await loadContract(options.target.vendor);
  const client = createHttpClient({
    baseUrl: options.target.baseUrl,
    maxRequests: options.maxRequests,
    ratePerSecond: options.ratePerSecond,
    timeoutMs: options.timeoutMs,
    maxBodyBytes: MAX_BODY_BYTES,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const ctx = createContext({
    target: options.target,
    contract,
    strict: options.strict,
    seed: options.seed,
    client,
    findings,
    hints,
    ...(options.checks ? { checks: options.checks } : {}),
  });
  let fatal: string | undefined;
  try {
    const steps = await plans[options.target.vendor](ctx);
    if (steps.length === 0) {
      const probes = findings.filter(
        (f) => f.outcome === 'fail' && f.check === 'status' && f.title === PROBE_TITLE,
      );
      fatal = ctx.redact(
        `no endpoint could be checked: ${probes.map((f) => `${f.endpoint} ${f.message ?? ''}`).join('; ') || 'the probes found nothing to check'}`,
      );
    } else {
      await runSteps(ctx, steps, findings, options);
    }
  } catch (err) {
    fatal = fatalOf(ctx, err, findings);
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
  if (options.checks?.length) report.checks = [...options.checks];
  if (hints.length) report.hints = hints;
  return report;
}

/** Runs the selected steps in order; a step that stops being answered fails and the next one runs. */
async function runSteps(
  ctx: CheckContext,
  all: CheckStep[],
  findings: Finding[],
  options: SuiteOptions,
): Promise<void> {
  const steps = all.filter((s) => s.checks.some((c) => ctx.selected(c)));
  for (const [i, step] of steps.entries()) {
    const before = findings.length;
    const stepStarted = performance.now();
    try {
      await step.run();
    } catch (err) {
      if (err instanceof BudgetExceededError) {
        findings.push(budgetSpent(err));
        return;
      }
      // One endpoint that stops answering (or answers what a check cannot read) fails this step only.
      const check = step.checks.find((c) => ctx.selected(c)) ?? step.checks[0]!;
      ctx.expect(check, step.endpoint, `the ${check} checks could run to their end`, false, {
        message: describeStop(err),
        ...(err instanceof TransportError ? { request: err.url } : {}),
      });
    }
    if (options.onProgress) {
      const counts: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
      for (const f of findings.slice(before)) if (step.checks.includes(f.check)) counts[f.outcome]++;
      options.onProgress({
        index: i + 1,
        total: steps.length,
        check: step.checks.find((c) => ctx.selected(c)) ?? step.checks[0]!,
        endpoint: endpointName(step.endpoint),
        counts,
        durationMs: Math.round(performance.now() - stepStarted),
      });
    }
  }
}

/** The skip that says the request budget ran out. */
function budgetSpent(err: BudgetExceededError): Finding {
  return {
    check: 'robustness',
    endpoint: '*',
    outcome: 'skip',
    title: 'remaining checks',
    message: `${err.message}; the remaining checks did not run (raise --max-requests)`,
  };
}

function describeStop(err: unknown): string {
  if (err instanceof TransportError) return err.message;
  // Plans read values out of the target's answers; an answer shaped unlike the contract (an array
  // of items without the documented fields) can break that reading. The target failed, and the
  // run says so, rather than verify crashing with a stack trace.
  const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `the checks stopped on an answer they could not read (${why}); the target's answers do not have the documented shape`;
}

/** Why a plan's probes found the target unusable. */
function fatalOf(ctx: CheckContext, err: unknown, findings: Finding[]): string | undefined {
  if (err instanceof BudgetExceededError) {
    findings.push(budgetSpent(err));
    return undefined;
  }
  if (err instanceof TransportError) return ctx.redact(`${err.message} (${err.url})`);
  if (err instanceof UnusableTargetError) return ctx.redact(err.message);
  return ctx.redact(describeStop(err));
}

export { UnusableTargetError };
