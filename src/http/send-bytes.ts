/**
 * Answers with a body that is already bytes. `res.send` would re-examine it (type sniffing,
 * freshness, a string's second UTF-8 encoding); a ready Buffer needs only its two headers.
 */
import type { ServerResponse } from 'node:http';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Sends `body` as the whole answer with the given Content-Type and its exact Content-Length.
 * A HEAD request gets the headers alone (node:http drops the body of a HEAD answer).
 */
export function sendBytes(res: ServerResponse, contentType: string, body: Buffer): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
