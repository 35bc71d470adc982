/**
 * Answers with a body that is already bytes. `res.send` would re-examine it (type sniffing,
 * freshness, a string's second UTF-8 encoding); a ready Buffer needs only its two headers.
 */
import type { ServerResponse } from 'node:http';
import type { BytePool } from './byte-pool.ts';

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

/**
 * Sends `body` like `sendBytes`, then gives it back to `pool` once the response has finished, that
 * is once node:http has handed every byte to the kernel. An answer cut off before (the client went
 * away) never finishes: its buffer is left to the garbage collector, never reused while queued.
 */
export function sendPooledBytes(
  res: ServerResponse,
  contentType: string,
  body: Buffer,
  pool: BytePool,
): void {
  res.once('finish', () => pool.release(body));
  sendBytes(res, contentType, body);
}
