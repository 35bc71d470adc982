/**
 * Reading HAR 1.2 files (standin's own recordings, or a browser's dev tools export) back into
 * exchanges the contract checks can judge.
 */

import type { Exchange, HeaderMap } from '../contract/exchange/types.ts';
import type { ContractVendor } from '../contract/loader.ts';
import type { HarEntry, HarNameValue } from './types.ts';

export type HarReadResult = { ok: true; entries: HarEntry[] } | { ok: false; error: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses a HAR document; says what is wrong when it is not one. Entries are checked when used. */
export function parseHar(text: string): HarReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  const log = isRecord(doc) ? doc.log : undefined;
  if (!isRecord(log) || !Array.isArray(log.entries)) {
    return { ok: false, error: 'not a HAR document: it has no log.entries array' };
  }
  return { ok: true, entries: log.entries as HarEntry[] };
}

function headerMap(list: unknown): HeaderMap {
  const out: Record<string, string | string[]> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list as HarNameValue[]) {
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.value !== 'string') continue;
    // HTTP/2 pseudo-headers (:status, :path) that browsers record are not headers of the exchange.
    if (item.name.startsWith(':')) continue;
    const name = item.name.toLowerCase();
    const had = out[name];
    out[name] = had === undefined ? item.value : [...(Array.isArray(had) ? had : [had]), item.value];
  }
  return out;
}

/**
 * One HAR entry as an exchange of `vendor`; a string saying why when the entry cannot be one (no
 * response, no recorded body). The body is the recorded content, so the Content-Encoding and
 * Content-Length it travelled with no longer apply and are dropped.
 */
export function exchangeOfEntry(entry: unknown, vendor: ContractVendor): Exchange | string {
  if (!isRecord(entry) || !isRecord(entry.request) || !isRecord(entry.response)) {
    return 'not a HAR entry (it needs a request and a response)';
  }
  const { request, response } = entry;
  if (typeof request.method !== 'string' || typeof request.url !== 'string') {
    return 'the request has no method or url';
  }
  if (typeof response.status !== 'number' || response.status <= 0) {
    return 'no answer was recorded (status 0: blocked or aborted)';
  }
  const content = isRecord(response.content) ? response.content : {};
  const size = typeof content.size === 'number' ? content.size : 0;
  if (typeof content.text !== 'string' && size > 0) {
    return 'the answer body was not recorded (content.text is missing)';
  }
  const text = typeof content.text === 'string' ? content.text : '';
  const body = content.encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  const responseHeaders = headerMap(response.headers);
  delete responseHeaders['content-encoding'];
  delete responseHeaders['content-length'];
  if (responseHeaders['content-type'] === undefined && typeof content.mimeType === 'string') {
    responseHeaders['content-type'] = content.mimeType;
  }
  return {
    vendor,
    method: request.method,
    url: request.url,
    requestHeaders: headerMap(request.headers),
    status: response.status,
    responseHeaders,
    body,
  };
}
