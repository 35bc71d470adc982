/**
 * A vendor's handler with its stubs in front: a request a stub matches gets the stub's answer,
 * once the vendor's own authentication lets the caller in (an unauthenticated request is refused
 * as the vendor would refuse it); every other request goes on to the world (or a replay).
 * Faults come before this in the pipeline, so the precedence is
 * `Prefer` faults > fault rules > stubs > replay > the world.
 */
import type { VendorName } from './registry.ts';
import { bytesResponse, jsonResponse } from './responses.ts';
import type { Stub } from './stubs.ts';
import type { StubStore } from './stubs-store.ts';

/**
 * What the handler needs of the stubs: a shared state backend (issue 19) takes a stub through the
 * shared state, so `take` may settle later.
 */
export interface StubLookup {
  readonly size: StubStore['size'];
  find: StubStore['find'];
  take(
    ...args: Parameters<StubStore['take']>
  ): ReturnType<StubStore['take']> | Promise<ReturnType<StubStore['take']>>;
}

import type { PlainResponse, VendorAuthenticator, VendorHandler } from './types.ts';

/** Names the stub that answered (as `standin-replayed` names a recording); the journal keeps it. */
export const STUBBED_HEADER = 'standin-stubbed';

/** The stub's answer: JSON for a JSON body, text for a string, bytes for `bodyBase64`. */
export function stubResponse(stub: Stub): PlainResponse {
  const { status, headers, body, bodyBase64 } = stub.response;
  const extra = { ...headers, [STUBBED_HEADER]: stub.id };
  let response: PlainResponse;
  if (bodyBase64 !== undefined) {
    response = bytesResponse(status, 'application/octet-stream', Buffer.from(bodyBase64, 'base64'), extra);
  } else if (typeof body === 'string') {
    response = bytesResponse(status, 'text/plain; charset=utf-8', Buffer.from(body, 'utf8'), extra);
  } else if (body !== undefined) {
    response = jsonResponse(status, body, extra);
  } else {
    response = { status, headers: extra, body: null };
    if (status !== 204 && status !== 304) response.headers['content-length'] = '0';
  }
  // A content type the stub names wins over the one its body implies.
  if (headers['content-type'] !== undefined) response.headers['content-type'] = headers['content-type'];
  return response;
}

/**
 * @param world the handler serving what no stub answers; read per request, since data overrides
 *   swap it.
 */
export function withStubs(
  vendor: VendorName,
  store: StubLookup,
  authenticate: VendorAuthenticator,
  world: () => VendorHandler,
): VendorHandler {
  return async (req) => {
    if (store.size === 0 || store.find(vendor, req) === null) return world()(req);
    await authenticate(req);
    // Taken only now, after the await: a concurrent request may have used up the stub meanwhile.
    const stub = await store.take(vendor, req);
    return stub === null ? world()(req) : stubResponse(stub);
  };
}
