/**
 * Judges one exchange against a vendor's contract: finds the operation, reads the body once, runs
 * every rule that applies, and splits what broke into violations and (assumed, not strict)
 * warnings.
 */
import { type Contract, type ContractVendor, loadContract, type Operation } from '../loader.ts';
import type { CheckName } from '../suite/types.ts';
import { matchOperation } from './match.ts';
import { readExchange } from './reading.ts';
import { EXCHANGE_RULES, type RuleContext } from './rules/index.ts';
import { type ExportView, readExportView } from './suite-pieces.ts';
import type { Exchange, JudgeOptions, Verdict, Violation } from './types.ts';

/** Judges exchanges of one vendor; the contract and its views are read once. */
export type Judge = (exchange: Exchange) => Promise<Verdict>;

/** The path of an exchange's url, without the query. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  try {
    // An absolute URL (a HAR entry) is reduced to its path.
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? new URL(path).pathname : path;
  } catch {
    return path;
  }
}

/** The operation an exchange belongs to, or a note saying why there is none. */
export function operationFor(contract: Contract, exchange: Exchange): { op: Operation } | { note: string } {
  if (exchange.operationId !== undefined) {
    try {
      return { op: contract.operationById(exchange.operationId) };
    } catch (err) {
      return { note: (err as Error).message };
    }
  }
  const path = pathOf(exchange.url);
  const op = matchOperation(contract, exchange.vendor, exchange.method, path);
  return op
    ? { op }
    : {
        note: `${exchange.method.toUpperCase()} ${path} is no operation of the ${exchange.vendor} contract (${contract.operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).join(', ')}): not judged`,
      };
}

/**
 * A judge for one vendor.
 * @example
 *   const judge = await createJudge('voipcube', { strict: true });
 *   const verdict = await judge({ vendor: 'voipcube', method: 'GET', url: '/stats/user-statuses?from=…', requestHeaders: {}, status: 200, responseHeaders: { 'content-type': 'application/json' }, body });
 *   verdict.violations // [] when the answer keeps the contract
 */
export async function createJudge(vendor: ContractVendor, options: JudgeOptions = {}): Promise<Judge> {
  const contract = await loadContract(vendor);
  let exportView: ExportView | undefined;
  if (vendor === 'enneo') {
    try {
      exportView = readExportView(contract.operationById('exportReportingWorklog'));
    } catch {
      // a contract without the export judges the other operations all the same
    }
  }
  const ctx: RuleContext = { options, ...(exportView ? { exportView } : {}) };
  return (exchange) => judgeWith(contract, ctx, exchange);
}

async function judgeWith(contract: Contract, ctx: RuleContext, exchange: Exchange): Promise<Verdict> {
  const found = operationFor(contract, exchange);
  if ('note' in found) return { checks: [], violations: [], warnings: [], notes: [found.note] };
  const { op } = found;
  const verdict: Verdict = {
    operationId: op.id,
    endpoint: `${op.method.toUpperCase()} ${op.path}`,
    checks: [],
    violations: [],
    warnings: [],
    notes: [],
  };
  const reading = await readExchange(exchange, op);
  for (const rule of EXCHANGE_RULES) {
    if (rule.operations !== '*' && !rule.operations.includes(op.id)) continue;
    let found: Violation[] | null;
    try {
      found = rule.run(reading, ctx);
    } catch (err) {
      // A body shaped unlike the contract can trip a rule; the schema check has said so already.
      verdict.notes.push(`${rule.name} could not judge this answer: ${(err as Error).message}`);
      continue;
    }
    if (found === null) continue;
    if (!verdict.checks.includes(rule.check)) verdict.checks.push(rule.check as CheckName);
    for (const v of found) {
      if (v.assumed && !ctx.options.strict) verdict.warnings.push(v);
      else verdict.violations.push(v);
    }
  }
  return verdict;
}
