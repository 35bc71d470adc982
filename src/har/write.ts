/**
 * Recording exchanges as HAR 1.2 entries with every credential redacted: Authorization, Cookie,
 * Set-Cookie, Key and any credential-like header or query value (the journal's redactor decides),
 * and every secret seen in them wherever else it appears (the URL, a text body). Bodies are kept:
 * text as text, anything else (xlsx) as base64.
 */
import { STATUS_CODES } from 'node:http';
import type { Redactor } from '../http/request-redaction.ts';
import type { Har, HarEntry, HarNameValue } from './types.ts';

type Headers = Record<string, string | string[] | undefined>;

/** What one exchange is recorded from. */
export interface RecordInput {
  startedAt: number;
  /** Milliseconds from sending the request to the answer's last byte. */
  timeMs: number;
  /** Milliseconds until the answer's headers arrived. */
  waitMs: number;
  method: string;
  /** The absolute URL requested. */
  url: string;
  requestHeaders: Headers;
  requestBody: Buffer;
  status: number;
  statusText?: string;
  responseHeaders: Headers;
  /** The answer's bytes as they travelled (bodySize). */
  rawBody: Buffer;
  /** The answer's content, any Content-Encoding undone (content.text). */
  content: Buffer;
}

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Node's header map as HAR name/value pairs, one per value, each redacted. */
function pairs(headers: Headers, redactor: Redactor): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (const [name, value] of Object.entries(redactor.headers(headers))) {
    for (const v of Array.isArray(value) ? value : [value]) out.push({ name, value: v });
  }
  return out;
}

function headerOf(headers: Headers, name: string): string | undefined {
  const v = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(v) ? v[0] : v;
}

/** `a=1; b=2` (already redacted) as HAR cookies. */
function cookiePairs(header: string | undefined): HarNameValue[] {
  if (!header) return [];
  return header.split(';').flatMap((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [] : [{ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() }];
  });
}

/** The URL with its query values redacted (credential-like names wholly, secrets anywhere). */
export function redactUrl(url: string, redactor: Redactor): { url: string; query: HarNameValue[] } {
  const parsed = new URL(url);
  const query: HarNameValue[] = [];
  for (const [name, value] of parsed.searchParams) {
    const redacted = redactor.query({ [name]: value });
    const key = Object.keys(redacted)[0] ?? name;
    query.push({ name: key, value: String(redacted[key]) });
  }
  const search = query.length
    ? `?${new URLSearchParams(query.map((q): [string, string] => [q.name, q.value])).toString()}`
    : '';
  return { url: `${parsed.origin}${redactor.text(parsed.pathname)}${search}`, query };
}

/** The body as HAR content text: UTF-8 text for textual media types, base64 otherwise. */
function contentText(
  content: Buffer,
  mimeType: string,
  redactor: Redactor,
): { text: string; encoding?: string } {
  if (TEXTUAL.test(mimeType)) {
    const text = content.toString('utf8');
    // Only valid UTF-8 survives the round trip as text; anything else is kept byte for byte.
    if (Buffer.from(text, 'utf8').equals(content)) return { text: redactor.text(text) };
  }
  return { text: content.toString('base64'), encoding: 'base64' };
}

/** One exchange as a HAR entry, credentials redacted. */
export function harEntry(input: RecordInput, redactor: Redactor): HarEntry {
  const { url, query } = redactUrl(input.url, redactor);
  const requestHeaders = pairs(input.requestHeaders, redactor);
  const responseHeaders = pairs(input.responseHeaders, redactor);
  const mimeType = headerOf(input.responseHeaders, 'content-type') ?? '';
  const requestType = headerOf(input.requestHeaders, 'content-type') ?? 'application/octet-stream';
  const entry: HarEntry = {
    startedDateTime: new Date(input.startedAt).toISOString(),
    time: input.timeMs,
    request: {
      method: input.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: cookiePairs(requestHeaders.find((h) => h.name === 'cookie')?.value),
      headers: requestHeaders,
      queryString: query,
      headersSize: -1,
      bodySize: input.requestBody.length,
    },
    response: {
      status: input.status,
      statusText: input.statusText ?? STATUS_CODES[input.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: responseHeaders
        .filter((h) => h.name === 'set-cookie')
        .flatMap((h) => cookiePairs(h.value.split(';')[0])),
      headers: responseHeaders,
      content: { size: input.content.length, mimeType, ...contentText(input.content, mimeType, redactor) },
      redirectURL: headerOf(input.responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: input.rawBody.length,
    },
    cache: {},
    timings: {
      send: 0,
      wait: Math.max(0, input.waitMs),
      receive: Math.max(0, input.timeMs - input.waitMs),
    },
  };
  if (input.requestBody.length > 0) {
    entry.request.postData = {
      mimeType: requestType,
      ...contentText(input.requestBody, requestType, redactor),
    };
  }
  return entry;
}

/** A HAR 1.2 document of the entries. */
export function harLog(entries: HarEntry[], version: string): Har {
  return { log: { version: '1.2', creator: { name: 'standin', version }, entries } };
}
