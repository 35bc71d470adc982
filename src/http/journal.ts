/**
 * The request journal: the most recent vendor requests, bounded, with credentials redacted, so CI
 * can assert what its client sent (`GET /__standin/requests`). Control requests are not recorded.
 */
import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { RedactedHeaders, RedactedQuery, Redactor } from './request-redaction.ts';
import type { VendorName } from './vendor.ts';

export const DEFAULT_JOURNAL_LIMIT = 1000;

/** One recorded request, as `GET /__standin/requests` shows it. */
export interface JournalEntry {
  /** 1, 2, 3… in the order the requests completed; restarts at 1 after a reset. */
  id: number;
  /** When the request arrived (ISO 8601, from the app's clock). */
  time: string;
  vendor: VendorName;
  method: string;
  /** The full path as sent, without the query string. */
  path: string;
  query: RedactedQuery;
  headers: RedactedHeaders;
  /** The status answered, or null when no answer was sent (connection dropped). */
  status: number | null;
  durationMs: number;
}

/** A bounded ring buffer of entries; the oldest falls out when it is full. */
export interface Journal {
  readonly limit: number;
  record(entry: Omit<JournalEntry, 'id'>): void;
  /** Entries oldest first, optionally of one vendor. */
  list(vendor?: VendorName): JournalEntry[];
  clear(): void;
}

/** Creates an empty journal that keeps at most `limit` entries. */
export function createJournal(limit: number = DEFAULT_JOURNAL_LIMIT): Journal {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('journalLimit must be a positive integer');
  let ring: (JournalEntry | undefined)[] = new Array(limit);
  let next = 0;
  let count = 0;
  let nextId = 1;
  return {
    limit,
    record(entry) {
      ring[next] = { id: nextId, ...entry };
      nextId += 1;
      next = (next + 1) % limit;
      count = Math.min(count + 1, limit);
    },
    list(vendor) {
      const out: JournalEntry[] = [];
      const start = (next - count + limit) % limit;
      for (let i = 0; i < count; i += 1) {
        const entry = ring[(start + i) % limit]!;
        if (vendor === undefined || entry.vendor === vendor) out.push(entry);
      }
      return out;
    },
    clear() {
      ring = new Array(limit);
      next = 0;
      count = 0;
      nextId = 1;
    },
  };
}

/**
 * Records each request that passes through into the journal once it completes or is dropped.
 * Redaction happens on arrival, so no secret is ever held in the journal's memory.
 */
export function journalMiddleware(
  vendor: VendorName,
  journal: Journal,
  redactor: Redactor,
  clock: () => number,
): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const queryStart = req.originalUrl.indexOf('?');
    const rawPath = queryStart < 0 ? req.originalUrl : req.originalUrl.slice(0, queryStart);
    const partial = {
      time: new Date(clock()).toISOString(),
      vendor,
      method: req.method,
      path: redactor.text(rawPath),
      query: redactor.query(req.query as Record<string, unknown>),
      headers: redactor.headers(req.headers),
    };
    res.once('close', () => {
      journal.record({
        ...partial,
        status: res.writableFinished ? res.statusCode : null,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    });
    next();
  };
}
