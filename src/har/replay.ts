/**
 * `standin serve --replay <file.har>`: recorded answers served again. An entry answers its exact
 * request — method, path under the vendor's base, and query string as sent — byte for byte, once
 * standin's own authentication has accepted the caller; everything else falls through to the
 * world. The answer carries `Standin-Replayed: <file>#<entry>`, which the journal shows.
 */
import type { RequestHandler } from 'express';
import { checkBearer } from '../../mocks/autozod/auth.ts';
import { authenticate as enneoAuth } from '../../mocks/enneo/auth.ts';
import { authenticate as voipcubeAuth } from '../../mocks/voipcube/auth.ts';
import type { VendorDeps, VendorName } from '../http/vendor.ts';
import { exchangeOfEntry, parseHar } from './read.ts';

/** The response header that marks a replayed answer (and the journal's `replayed`). */
export const REPLAYED_HEADER = 'standin-replayed';

/** Where each vendor lives: standin's base path and the real host (DESIGN.md, "One server"). */
const VENDOR_PLACES: { vendor: VendorName; standin: string; realHost: string; realPath: string }[] = [
  { vendor: 'enneo', standin: '/enneo/api/mind', realHost: 'demo.enneo.ai', realPath: '/api/mind' },
  { vendor: 'voipcube', standin: '/voipcube', realHost: 'customer.voipcube.nl', realPath: '' },
  { vendor: 'autozod', standin: '/autozod', realHost: 'www.autozod.app', realPath: '' },
];

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

const key = (vendor: VendorName, method: string, pathAndQuery: string) =>
  `${vendor} ${method.toUpperCase()} ${pathAndQuery}`;

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
function place(url: URL): { vendor: VendorName; pathAndQuery: string } | undefined {
  for (const p of VENDOR_PLACES) {
    const base = url.hostname === p.realHost ? p.realPath : p.standin;
    if (base && url.pathname !== base && !url.pathname.startsWith(`${base}/`)) continue;
    return { vendor: p.vendor, pathAndQuery: `${url.pathname.slice(base.length) || '/'}${url.search}` };
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
      const k = key(at.vendor, exchange.method, at.pathAndQuery);
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

/** Whether standin would let this caller in; a refused caller falls through to the vendor's own answer. */
async function admitted(
  vendor: VendorName,
  headers: Record<string, unknown>,
  deps: VendorDeps,
): Promise<boolean> {
  const one = (v: unknown) => (Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined);
  try {
    if (vendor === 'enneo') {
      await enneoAuth(
        { authorization: one(headers.authorization), cookie: one(headers.cookie) },
        deps.credentials.enneo,
        deps.clock(),
      );
    } else if (vendor === 'voipcube') {
      voipcubeAuth(headers.key as string | string[] | undefined, deps.credentials.voipcube.key);
    } else {
      checkBearer(one(headers.authorization), deps.credentials.autozod.token);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The replay layer of one vendor, mounted in its chain before the vendor's router.
 * @example chain.use(journal, faults, replayLayer(vendor.name, table, deps), vendor.createRouter(deps))
 */
export function replayLayer(vendor: VendorName, table: ReplayTable, deps: VendorDeps): RequestHandler {
  return (req, res, next) => {
    // req.url is the path under the vendor's mount, with the query exactly as sent.
    const answer = table.answers.get(key(vendor, req.method, req.url));
    if (!answer) return next();
    admitted(vendor, req.headers, deps).then(
      (ok) => {
        if (!ok) return next();
        res.status(answer.status);
        for (const [name, value] of answer.headers) res.append(name, value);
        res.setHeader(REPLAYED_HEADER, answer.source);
        res.end(answer.body);
      },
      (err: unknown) => next(err),
    );
  };
}
