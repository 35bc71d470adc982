/**
 * Permissive CORS for the vendor routes (`serve --cors`, `cors: true`), so a browser app can call
 * the mock as it would the vendor through its own backend. Off by default: a mock that any web
 * page may read is a choice the user makes. The controls never get CORS headers, so a page the
 * developer happens to visit cannot reconfigure or read the mock's journal; the docs keep their
 * own headers (and CSP) either way.
 */
import { REPLAYED_HEADER } from '../har/replay.ts';
import type { Outcome, PlainRequest, PlainResponse } from './types.ts';

/** What a vendor route is called with: the vendors' endpoints are GETs (HEAD alike). */
export const CORS_ALLOW_METHODS = 'GET, HEAD, OPTIONS';
/** Every header a client of the three vendors sends, and standin's own `Prefer`. */
export const CORS_ALLOW_HEADERS = 'Authorization, Key, Prefer, Content-Type, Accept';
/** What a browser script may read beyond the CORS-safelisted headers. */
export const CORS_EXPOSE_HEADERS = [
  'Content-Disposition',
  'Content-Length',
  'Retry-After',
  'Preference-Applied',
  'WWW-Authenticate',
  REPLAYED_HEADER,
].join(', ');
/** How long (s) a browser may reuse a preflight's answer. */
const MAX_AGE_S = '600';
/** A header list a browser sends in a preflight: tokens and commas, nothing else, bounded. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/** Whether `req` is a CORS preflight (an OPTIONS that names the method it asks about). */
export function isPreflight(req: PlainRequest): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/**
 * The 204 to a preflight: any origin, the vendors' methods, and the headers asked for (a browser
 * asks only for those its script sets, so echoing them is the permissive answer), else the list.
 */
export function preflightResponse(req: PlainRequest): PlainResponse {
  const asked = req.headers['access-control-request-headers'];
  const headers =
    asked !== undefined && asked.length <= 1024 && HEADER_LIST.test(asked) ? asked : CORS_ALLOW_HEADERS;
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': CORS_ALLOW_METHODS,
      'access-control-allow-headers': headers,
      'access-control-max-age': MAX_AGE_S,
    },
    body: null,
  };
}

/** Adds the CORS headers of an actual request's answer (not to a dropped connection). */
export function withCors(outcome: Outcome): Outcome {
  if ('reset' in outcome) return outcome;
  outcome.headers['access-control-allow-origin'] = '*';
  outcome.headers['access-control-expose-headers'] = CORS_EXPOSE_HEADERS;
  return outcome;
}
