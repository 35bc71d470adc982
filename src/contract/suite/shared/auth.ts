/**
 * Auth, written once: each wrong way of authenticating is refused and gets no data; the exact
 * status is the one the contract documents for refused credentials (401 or 403), a failure when
 * documented firmly and a warning when assumed.
 */
import type { HttpResponse } from '../http-client.ts';
import { describe, isClientError, jsonBody } from '../json-body.ts';
import type { AuthMode, CheckContext, EndpointRef } from '../types.ts';

/** One wrong way to authenticate: `['without credentials', 'none']`. */
export type WrongAuth = readonly [label: string, mode: AuthMode];

/** True when a body carries data: a non-empty array, or an object with a `data` member. */
function servesData(response: HttpResponse): boolean {
  const body = jsonBody(response);
  if (Array.isArray(body)) return body.length > 0;
  return body !== null && typeof body === 'object' && 'data' in body;
}

/** The status the contract documents for refused credentials (the first of 401, 403). */
export function refusalStatus(
  ctx: CheckContext,
  endpoint: EndpointRef,
): { status: number; assumed: boolean } {
  const op = ctx.contract.operation(endpoint.method, endpoint.path);
  const status = ['401', '403'].find((s) => op.statuses().includes(s));
  if (!status) return { status: 401, assumed: true };
  return { status: Number(status), assumed: op.isAssumedStatus(status) };
}

/** Sends each wrong way with `send` and records what the endpoint did. */
export async function expectAuthRefusals(
  ctx: CheckContext,
  endpoint: EndpointRef,
  wrongs: readonly WrongAuth[],
  send: (mode: AuthMode) => Promise<HttpResponse>,
): Promise<void> {
  const documented = refusalStatus(ctx, endpoint);
  for (const [label, mode] of wrongs) {
    const r = await send(mode);
    const refused = ctx.expect(
      'auth',
      endpoint,
      `a request ${label} is refused and gets nothing`,
      isClientError(r.status) && !servesData(r),
      { message: `expected a 4xx, got ${describe(r)}`, request: r.url },
    );
    if (!refused) continue;
    ctx.expect(
      'auth',
      endpoint,
      `a request ${label} gets ${documented.status}`,
      r.status === documented.status,
      {
        message: `expected ${documented.status}${documented.assumed ? ' (assumed)' : ' (documented)'}, got ${describe(r)}`,
        assumed: documented.assumed,
        request: r.url,
      },
    );
  }
}
