/** Building plain responses: JSON and ready bytes, each with its exact Content-Length. */
import type { PlainResponse } from './types.ts';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** An answer whose body is `body`, already bytes, with its Content-Type and Content-Length. */
export function bytesResponse(
  status: number,
  contentType: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): PlainResponse {
  return {
    status,
    headers: { ...headers, 'content-type': contentType, 'content-length': String(body.byteLength) },
    body,
  };
}

/** `value` as JSON (the bytes `JSON.stringify` gives, as Express's `res.json` sends them). */
export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): PlainResponse {
  return bytesResponse(status, JSON_CONTENT_TYPE, Buffer.from(JSON.stringify(value), 'utf8'), headers);
}

/** A body-less answer (204). */
export function emptyResponse(status: number, headers: Record<string, string> = {}): PlainResponse {
  return { status, headers, body: null };
}
