/**
 * Rules that one exchange can show (a limit honoured, an order kept, times inside [from, to], a
 * summary that is the sum of its breakdown, a privacy level's columns): pure functions of one
 * request and its answer, so that `verify` (with the requests it makes) and a proxy or validator
 * (with exchanges it is handed) judge alike.
 */
import type { CheckName } from '../types.ts';

/** One request and its answer, as much as the rules need. */
export interface ExchangeView {
  /** The request's query pairs, in order, repeated keys kept. */
  query: readonly (readonly [string, string])[];
  status: number;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  body: unknown;
}

/** What one rule found wrong in one exchange. */
export interface RuleProblem {
  check: CheckName;
  /** The rule's id: an `x-standin-rules` id of the contract where there is one. */
  rule: string;
  /** JSON pointer into the body, when the problem has a place. */
  pointer?: string;
  message: string;
  /** The rule is assumed (`x-standin-assumed`): a warning unless strict. */
  assumed: boolean;
}

/** A rule: which check reports it, whether it is assumed, and the judgement. */
export interface ExchangeRule {
  id: string;
  check: CheckName;
  assumed: boolean;
  /** [] when the exchange keeps the rule, or the rule does not apply to it. */
  judge(exchange: ExchangeView): RuleProblem[];
}

/** The first value of a query parameter, or undefined. */
export const param = (exchange: ExchangeView, name: string): string | undefined =>
  exchange.query.find(([k]) => k === name)?.[1];

/** Every value of a query parameter. */
export const params = (exchange: ExchangeView, name: string): string[] =>
  exchange.query.filter(([k]) => k === name).map(([, v]) => v);

/** A problem of `rule`. */
export const problem = (rule: ExchangeRule, message: string, pointer?: string): RuleProblem => ({
  check: rule.check,
  rule: rule.id,
  message,
  assumed: rule.assumed,
  ...(pointer === undefined ? {} : { pointer }),
});
