/** The shape every per-exchange rule has, and what rules share. */
import type { CheckName } from '../../suite/types.ts';
import type { Reading } from '../reading.ts';
import type { ExportView } from '../suite-pieces.ts';
import type { JudgeOptions, Violation } from '../types.ts';

/** What a rule may know beyond the exchange. */
export interface RuleContext {
  options: JudgeOptions;
  /** Enneo's export view of the contract (columns, order fields, privacy levels), read once per contract. */
  exportView?: ExportView;
}

/** One rule: which check it belongs to, which operations it judges, and the judgement. */
export interface ExchangeRule {
  /** A name for reports and tests: `enneo-limit`, `voipcube-window`. */
  name: string;
  check: CheckName;
  /** operationIds it judges; '*' for every operation. */
  operations: readonly string[] | '*';
  /**
   * The `x-standin-rules` id whose `assumed` a kept rule carries in verify's report (a broken one
   * says so per violation); absent when what it judges is documented.
   */
  assumedRule?: string;
  /** Pure: the reading in, the violations out ([] when it holds, NOT_APPLICABLE when the answer cannot show it). */
  run(reading: Reading, ctx: RuleContext): Violation[] | null;
}

/** What a rule returns when the exchange cannot show what it judges (an error answer, no query to judge by). */
export const NOT_APPLICABLE = null;

/** Whether the operation's `x-standin-rules` entry `id` is assumed (the suite's reading, shared). */
export { ruleAssumed as ruleIsAssumed } from '../suite-pieces.ts';

/** A value for a message, cut short. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** The one value of a query parameter, undefined when absent or given more than once. */
export function single(query: URLSearchParams, name: string): string | undefined {
  const all = query.getAll(name);
  return all.length === 1 ? all[0] : undefined;
}
