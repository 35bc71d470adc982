/**
 * `standin serve --replay <file.har>`: recorded answers served again. An entry answers its exact
 * request — method, path under the vendor's base, and query string as sent — byte for byte, once
 * standin's own authentication has accepted the caller; everything else falls through to the
 * world. The answer carries `Standin-Replayed: <file>#<entry>`, which the journal shows.
 */
import { parseQuery } from '../core/query.ts';
import { VENDOR_DESCRIPTORS, type VendorName } from '../core/registry.ts';
import type { PlainResponse, Query, VendorRequest } from '../core/types.ts';
import { exchangeOfEntry, parseHar } from './read.ts';

/** The response header that marks a replayed answer (and the journal's `replayed`). */
export const REPLAYED_HEADER = 'standin-replayed';

/** Where each vendor lives: standin's base path and the real host and base path. */
const VENDOR_PLACES = VENDOR_DESCRIPTORS.map((d) => {
  const real = new URL(d.realBaseUrl);
  return {
    vendor: d.name as VendorName,
    standin: d.basePath,
    realHost: real.hostname,
    realPath: real.pathname.replace(/\/$/, ''),
  };
});

/** One recorded answer. */
export interface ReplayAnswer {
  status: number;
  /** Header pairs as recorded, less those that described the transfer rather than the content. */
  headers: [string, string][];
  body: Buffer;
  /** `file.har#3`: where it came from. */
  source: string;
}

/** Recorded answers by `vendor METHOD /path?query`. */
export interface ReplayTable {
  answers: Map<string, ReplayAnswer>;
  /** Entries left out and why (another host, no body recorded…). */
  notes: string[];
}

/** The request a recording answers: the query compared as parsed, keys in the order sent. */
const key = (vendor: VendorName, method: string, path: string, query: Query) =>
  `${vendor} ${method.toUpperCase()} ${path} ${JSON.stringify(Object.entries(query))}`;

/** Headers of the transfer, not of the content: the content is re-sent whole, decoded. */
const TRANSFER = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'date',
]);

/** Which vendor a recorded URL belongs to, and its path and query under the vendor's base. */
function place(url: URL): { vendor: VendorName; path: string; query: Query } | undefined {
  for (const p of VENDOR_PLACES) {
    const base = url.hostname === p.realHost ? p.realPath : p.standin;
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) continue;
    return {
      vendor: p.vendor,
      path: url.pathname.slice(base.length) || '/',
      query: parseQuery(url.search.replace(/^\?/, '')),
    };
  }
  return undefined;
}

/**
 * Reads HAR files into a replay table; the first recording of a request wins.
 * @throws Error naming the file when one is not a HAR document.
 */
export function loadReplays(files: { name: string; text: string }[]): ReplayTable {
  const table: ReplayTable = { answers: new Map(), notes: [] };
  for (const file of files) {
    const har = parseHar(file.text);
    if (!har.ok) throw new Error(`${file.name} is ${har.error}`);
    for (const [i, entry] of har.entries.entries()) {
      const source = `${file.name}#${i + 1}`;
      // The vendor only decides the exchange's label here; the URL decides where it is replayed.
      const exchange = exchangeOfEntry(entry, 'voipcube');
      if (typeof exchange === 'string') {
        table.notes.push(`${source}: ${exchange}`);
        continue;
      }
      const url = URL.canParse(exchange.url) ? new URL(exchange.url) : undefined;
      const at = url && place(url);
      if (!at) {
        table.notes.push(`${source}: ${exchange.url} is under no vendor's base URL`);
        continue;
      }
      const k = key(at.vendor, exchange.method, at.path, at.query);
      if (table.answers.has(k)) {
        table.notes.push(`${source}: the same request as an earlier entry`);
        continue;
      }
      const headers: [string, string][] = [];
      for (const [name, value] of Object.entries(exchange.responseHeaders)) {
        if (value === undefined || TRANSFER.has(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.push([name, v]);
      }
      table.answers.set(k, { status: exchange.status, headers, body: exchange.body, source });
    }
  }
  return table;
}

/**
 * The recorded answer of a vendor request (`path` relative to the vendor's base), if any. The
 * core's pipeline asks it after the faults and lets the caller in with the vendor's own check first.
 */
export function replayedAnswer(
  table: ReplayTable,
  vendor: VendorName,
  req: VendorRequest,
): PlainResponse | undefined {
  const answer = table.answers.get(key(vendor, req.method, req.path, req.query));
  if (!answer) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) {
    const n = name.toLowerCase();
    headers[n] = headers[n] === undefined ? value : `${headers[n]}, ${value}`;
  }
  headers[REPLAYED_HEADER] = answer.source;
  return { status: answer.status, headers, body: answer.body };
}
