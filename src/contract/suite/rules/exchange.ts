import type { HttpResponse } from '../http-client.ts';
import { jsonBody } from '../json-body.ts';
import type { CheckContext, EndpointRef } from '../types.ts';
import type { ExchangeRule, ExchangeView, RuleProblem } from './types.ts';

/** The view of an exchange the suite made. */
export function exchangeOf(response: HttpResponse): ExchangeView {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const json = response.mediaType.includes('json');
  return {
    query: [...new URL(response.url).searchParams.entries()],
    status: response.status,
    headers,
    body: json ? jsonBody(response) : undefined,
  };
}

/**
 * Judges `response` by `rule` and records the outcome as one finding titled `title`.
 * @returns the problems (empty when the rule holds).
 */
export function expectRule(
  ctx: CheckContext,
  endpoint: EndpointRef,
  rule: ExchangeRule,
  response: HttpResponse | ExchangeView,
  title: string,
): RuleProblem[] {
  const view = 'url' in response ? exchangeOf(response) : response;
  const problems = rule.judge(view);
  ctx.expect(rule.check, endpoint, title, problems.length === 0, {
    message: problems[0]?.message ?? '',
    details: problems.slice(1).map((p) => (p.pointer ? `${p.pointer}: ${p.message}` : p.message)),
    // A rule may find a break of a stricter, assumed rule of its own (NULL placement in an order).
    assumed: problems.length ? problems.every((p) => p.assumed) : rule.assumed,
    ...('url' in response ? { request: response.url } : {}),
  });
  return problems;
}
