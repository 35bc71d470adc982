/**
 * The first request to an endpoint: does it answer at all? Credentials refused end the run (exit
 * 2, naming the flag); any other answer than 200 fails that endpoint, with a hint when the answer
 * does not look like this vendor's (a wrong --base-url), and the run goes on with the others.
 */

import { UnusableTargetError } from '../errors.ts';
import type { HttpResponse } from '../http-client.ts';
import { describe, jsonBody } from '../json-body.ts';
import type { CheckContext, EndpointRef } from '../types.ts';

/** How a vendor's error body looks: used to tell "this vendor refused" from "this is not the vendor". */
export type ErrorShape = (body: unknown) => boolean;

export interface ProbeOptions {
  /** The flags that carry the credentials, for the exit-2 message: `--key / VOIPCUBE_KEY`. */
  credentialFlags: string;
  /** What the credentials are called in that message (default `credentials`). */
  credentialNoun?: string;
  /** The flags that pick ids, for a 4xx in the vendor's own error shape: `--team-id/--agent-id`. */
  idFlags?: string;
  /** What this vendor's error bodies look like. */
  errorShape: ErrorShape;
}

/**
 * Judges the probe's answer. @returns true when the endpoint answered 200; false when it failed
 * (recorded as a `status` failure, with a hint) and its checks should not run.
 * @throws UnusableTargetError when the credentials were refused: nothing can be checked then.
 */
export function probeEndpoint(
  ctx: CheckContext,
  endpoint: EndpointRef,
  response: HttpResponse,
  opts: ProbeOptions,
): boolean {
  // The vendor's own refusal: a status its contract documents, in its error shape. A route-not-found
  // from some other server (or another vendor under the wrong base URL) is neither.
  const op = ctx.contract.operation(endpoint.method, endpoint.path);
  const own = op.statuses().includes(String(response.status)) && opts.errorShape(jsonBody(response));
  if ((response.status === 401 || response.status === 403) && own) {
    throw new UnusableTargetError(
      `the target refused the given ${opts.credentialNoun ?? 'credentials'} (${response.status}): check ${opts.credentialFlags}`,
    );
  }
  if (response.status === 200) return true;
  const hint = !own
    ? `the answer to ${endpoint.path} does not look like ${ctx.target.vendor}'s: check --base-url (${baseOf(ctx)} + ${endpoint.path} should be the endpoint)`
    : opts.idFlags
      ? `${ctx.target.vendor} refused the ids the checks use: check ${opts.idFlags}`
      : undefined;
  if (hint) ctx.hint(hint);
  ctx.expect('status', endpoint, PROBE_TITLE, false, {
    message: `got ${describe(response)}${hint ? `; ${hint}` : ''}`,
    request: response.url,
  });
  return false;
}

/** The title of a failed probe's finding. */
export const PROBE_TITLE = 'the endpoint answers a valid request with 200';

const baseOf = (ctx: CheckContext) => ctx.target.baseUrl.replace(/\/+$/, '');

/** A JSON object with a string `message` (and, when given, these members). */
export const errorWith =
  (members: Record<string, unknown> = {}): ErrorShape =>
  (body) =>
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    typeof (body as Record<string, unknown>).message === 'string' &&
    Object.entries(members).every(([k, v]) => (body as Record<string, unknown>)[k] === v);
