/**
 * verify's door to the per-exchange rules of src/contract/exchange/rules: an answer the suite got
 * is read as `proxy` and `validate` read theirs, judged by the very same rule, and recorded as
 * one finding. So one rule per behaviour serves all three commands.
 */
import { formatOf, type Reading } from '../../exchange/reading.ts';
import { EXCHANGE_RULES, type ExchangeRule, type RuleContext } from '../../exchange/rules/index.ts';
import { ruleIsAssumed } from '../../exchange/rules/rule.ts';
import type { Violation } from '../../exchange/types.ts';
import type { Operation } from '../../loader.ts';
import type { HttpResponse } from '../http-client.ts';
import type { CheckContext, EndpointRef } from '../types.ts';

/** A rule with the operation and context it judges by. */
export interface BoundRule {
  op: Operation;
  rule: ExchangeRule;
  context: RuleContext;
}

/**
 * The rule `name` (`voipcube-window`, `autozod-summary`, ...) bound to `op`.
 * @throws when no rule has that name or it does not judge `op` (a mistake in the suite, not the target).
 */
export function ruleFor(op: Operation, name: string, context: RuleContext = { options: {} }): BoundRule {
  const rule = EXCHANGE_RULES.find((r) => r.name === name);
  if (!rule || (rule.operations !== '*' && !rule.operations.includes(op.id)))
    throw new Error(`no per-exchange rule ${name} judges ${op.id}`);
  return { op, rule, context };
}

/** Every vendor rule that judges `op` (the status/schema ones verify runs on every answer, in context.ts). */
export function rulesFor(op: Operation, context: RuleContext = { options: {} }): BoundRule[] {
  return EXCHANGE_RULES.filter((r) => r.operations !== '*' && r.operations.includes(op.id)).map((rule) => ({
    op,
    rule,
    context,
  }));
}

/**
 * An answer the suite got, read as a rule reads a recorded exchange. Only JSON bodies are parsed:
 * verify reads csv/xlsx tables in its format checks, and no rule it runs here needs them.
 */
export function readingOf(response: HttpResponse, op: Operation): Reading {
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    responseHeaders[k] = v;
  });
  const reading: Reading = {
    op,
    method: op.method.toUpperCase(),
    status: response.status,
    mediaType: response.mediaType,
    query: new URL(response.url).searchParams,
    // The suite's own credentials: no rule verify runs needs them.
    requestHeaders: {},
    responseHeaders,
    // As reading.ts: 204 and 304 carry no body; an empty body of any other status is one to judge.
    format: response.status === 204 || response.status === 304 ? 'none' : formatOf(response.mediaType),
  };
  if (reading.format !== 'json') return reading;
  try {
    reading.json = JSON.parse(response.body.toString('utf8'));
  } catch {
    reading.unreadable = `the body is not JSON: ${JSON.stringify(response.body.subarray(0, 80).toString('utf8'))}`;
  }
  return reading;
}

const line = (v: Violation) => (v.pointer ? `${v.pointer}: ${v.message}` : v.message);

/**
 * Judges `response` by `bound` and records the outcome as one finding titled `title`.
 * @returns the violations (empty when the rule holds or the answer cannot show it).
 */
export function expectRule(
  ctx: CheckContext,
  endpoint: EndpointRef,
  bound: BoundRule,
  response: HttpResponse,
  title: string,
): Violation[] {
  const { op, rule, context } = bound;
  let found: Violation[];
  try {
    found = rule.run(readingOf(response, op), context) ?? [];
  } catch (err) {
    // A body shaped unlike the contract can trip a rule; say so rather than stop the run.
    found = [{ check: rule.check, rule: rule.name, message: `could not judge: ${(err as Error).message}` }];
  }
  ctx.expect(rule.check, endpoint, title, found.length === 0, {
    message: found[0]?.message ?? '',
    details: found.slice(1).map(line),
    // A rule may find a break of a stricter, assumed rule of its own (NULL placement in an order).
    assumed: found.length
      ? found.every((v) => v.assumed === true)
      : rule.assumedRule !== undefined && ruleIsAssumed(op, rule.assumedRule),
    request: response.url,
  });
  return found;
}
