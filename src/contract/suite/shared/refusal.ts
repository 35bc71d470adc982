/**
 * "This request is refused": written once for every vendor. First a 4xx (the rule itself, assumed
 * when the rule is), then the exact status with an error body that names the parameter (always
 * assumed unless the contract documents that status).
 */
import type { HttpResponse } from '../http-client.ts';
import { describe, isClientError, jsonBody } from '../json-body.ts';
import type { CheckContext, CheckName, EndpointRef } from '../types.ts';

/** True when an error body names the parameter, in `parameter` or anywhere in its text. */
export function namesParameter(response: HttpResponse, parameter: string): boolean {
  const body = jsonBody(response);
  if (body === null || typeof body !== 'object') return false;
  const bare = parameter.replace(/\[\]$/, '');
  return Object.values(body).some((v) => typeof v === 'string' && (v.includes(parameter) || v === bare));
}

export interface RefusalOptions {
  /** The parameter the error must name; none for a refusal that is about no one parameter. */
  parameter?: string;
  /** The refusal itself is assumed behaviour. */
  assumed: boolean;
  /** The exact status expected after "a 4xx" (default 400). */
  status?: number;
}

/**
 * Records that `response` refused the request: a 4xx, then exactly `status` (naming the
 * parameter). The exact status is assumed unless the operation documents it firmly.
 * @returns whether it was refused at all.
 */
export function expectRefused(
  ctx: CheckContext,
  check: CheckName,
  endpoint: EndpointRef,
  title: string,
  response: HttpResponse,
  opts: RefusalOptions,
): boolean {
  const refused = ctx.expect(check, endpoint, title, isClientError(response.status), {
    message: `expected a 4xx, got ${describe(response)}`,
    assumed: opts.assumed,
    request: response.url,
  });
  if (!refused) return false;
  const status = opts.status ?? 400;
  const op = ctx.contract.operation(endpoint.method, endpoint.path);
  const documented = op.statuses().includes(String(status)) && !op.isAssumedStatus(status);
  const naming = opts.parameter ? ` naming ${opts.parameter}` : '';
  ctx.expect(
    check,
    endpoint,
    `${title} with ${status}${naming}`,
    response.status === status && (!opts.parameter || namesParameter(response, opts.parameter)),
    { message: `got ${describe(response)}`, assumed: opts.assumed || !documented, request: response.url },
  );
  return true;
}
