/**
 * The request journal: the most recent vendor requests, bounded, with credentials redacted, so CI
 * can assert what its client sent (`GET /__standin/requests`), filter it, count it and wait for
 * requests still to come. Control requests are not recorded.
 */

import { globMatch } from './fault-rules.ts';
import { type CapturedBody, type JournalBody, listedBody } from './journal-body.ts';
import type { RedactedHeaders, RedactedQuery } from './request-redaction.ts';
import type { VendorName } from './vendor.ts';

export const DEFAULT_JOURNAL_LIMIT = 1000;

/** One recorded request, as `GET /__standin/requests` shows it. */
export interface JournalEntry {
  /**
   * 1, 2, 3… in the order the requests completed; never repeats within the server's life (a reset
   * or clear does not restart it), so `since=<id>` always means "after that request".
   */
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
  /** Set when a recorded answer was replayed (`serve --replay`): where it came from, `file.har#3`. */
  replayed?: string;
  /** Set when a stub answered (`POST /__standin/stubs`): its id, `stub-3`. */
  stubbed?: string;
  /** The request's body (null when none). Always present in standin's journal. */
  requestBody?: JournalBody | null;
  /** The answer's body (null when none, e.g. a dropped connection). Always present in standin's journal. */
  responseBody?: JournalBody | null;
  /** The replica that answered (`host:pid`, or `--replica-name`); only with a shared state (`--state`). */
  replica?: string;
}

/**
 * One request as the journal holds it until it is listed: the arrival time as ms since the epoch
 * and the bodies as captured bytes (turned into text only when someone reads the journal).
 */
export interface RecordedRequest extends Omit<JournalEntry, 'time' | 'requestBody' | 'responseBody'> {
  time: number;
  requestBody: CapturedBody | null;
  responseBody: CapturedBody | null;
}

/** Which entries to list, count or wait for; every part optional, all must hold. */
export interface JournalFilter {
  vendor?: VendorName;
  /** Uppercase method, e.g. `GET`. */
  method?: string;
  /** A glob over the full path as journaled (`*` matches any run of characters). */
  path?: string;
  /** The status answered. */
  status?: number;
  /** Only entries with an id greater than this. */
  since?: number;
  /** At most this many, the oldest matching first. */
  limit?: number;
}

/** Whether a recorded entry passes `filter` (its `limit` aside). */
export function matches(
  entry: Pick<RecordedRequest, 'id' | 'vendor' | 'method' | 'status' | 'path'>,
  filter: JournalFilter,
): boolean {
  return (
    (filter.since === undefined || entry.id > filter.since) &&
    (filter.vendor === undefined || entry.vendor === filter.vendor) &&
    (filter.method === undefined || entry.method === filter.method) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.path === undefined || globMatch(filter.path, entry.path))
  );
}

/** A bounded ring buffer of entries; the oldest falls out when it is full. */
export interface Journal {
  readonly limit: number;
  /** Keeps a completed request, giving it the next id (its `id` as passed is replaced). */
  record(entry: RecordedRequest): void;
  /** Matching entries, oldest first (the first `filter.limit` of them). */
  list(filter?: JournalFilter): JournalEntry[];
  /** How many entries match (at most `filter.limit`). */
  count(filter?: JournalFilter): number;
  /**
   * Calls `listener` with every entry recorded from now on, until the returned function is called.
   * Waiting for requests (`/__standin/requests/wait`) is built on it.
   */
  subscribe(listener: (entry: RecordedRequest) => void): () => void;
  clear(): void;
}

/** A recorded entry as listed: times as ISO text, bodies decoded and redacted. */
export function listed(entry: RecordedRequest, redact: (text: string) => string): JournalEntry {
  const out: JournalEntry = {
    id: entry.id,
    time: new Date(entry.time).toISOString(),
    vendor: entry.vendor,
    method: entry.method,
    path: entry.path,
    // Copies: entries share one headers or query object when requests repeat them (see sameOrNew).
    query: { ...entry.query },
    headers: { ...entry.headers },
    status: entry.status,
    durationMs: entry.durationMs,
  };
  if (entry.replayed !== undefined) out.replayed = entry.replayed;
  if (entry.stubbed !== undefined) out.stubbed = entry.stubbed;
  out.requestBody = entry.requestBody === null ? null : listedBody(entry.requestBody, redact);
  out.responseBody = entry.responseBody === null ? null : listedBody(entry.responseBody, redact);
  return out;
}

/**
 * Creates an empty journal that keeps at most `limit` entries.
 * @param redact masks credentials in body text as it is listed (bodies are kept as bytes until then)
 */
export function createJournal(
  limit: number = DEFAULT_JOURNAL_LIMIT,
  redact: (text: string) => string = (text) => text,
): Journal {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('journalLimit must be a positive integer');
  let ring: (RecordedRequest | undefined)[] = new Array(limit);
  let next = 0;
  let count = 0;
  let nextId = 1;
  const listeners = new Set<(entry: RecordedRequest) => void>();
  /** Calls `visit` with each matching entry, oldest first, until it returns false. */
  const each = (filter: JournalFilter, visit: (entry: RecordedRequest) => boolean) => {
    const start = (next - count + limit) % limit;
    for (let i = 0; i < count; i += 1) {
      const entry = ring[(start + i) % limit]!;
      if (matches(entry, filter) && !visit(entry)) return;
    }
  };
  return {
    limit,
    record(entry) {
      entry.id = nextId;
      ring[next] = entry;
      nextId += 1;
      next = (next + 1) % limit;
      count = Math.min(count + 1, limit);
      for (const listener of listeners) listener(entry);
    },
    list(filter = {}) {
      const out: JournalEntry[] = [];
      const max = filter.limit ?? Number.POSITIVE_INFINITY;
      each(filter, (entry) => {
        out.push(listed(entry, redact));
        return out.length < max;
      });
      return out;
    },
    count(filter = {}) {
      let n = 0;
      const max = filter.limit ?? Number.POSITIVE_INFINITY;
      each(filter, () => {
        n += 1;
        return n < max;
      });
      return n;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      // nextId stays: ids never repeat, so an id a test remembered never names a newer request.
      ring = new Array(limit);
      next = 0;
      count = 0;
    },
  };
}
