/**
 * The request journal: the most recent vendor requests, bounded, with credentials redacted, so CI
 * can assert what its client sent (`GET /__standin/requests`). Control requests are not recorded.
 */

import type { RedactedHeaders, RedactedQuery } from './request-redaction.ts';
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
  /** Set when a recorded answer was replayed (`serve --replay`): where it came from, `file.har#3`. */
  replayed?: string;
  /** Set when a stub answered (`POST /__standin/stubs`): its id, `stub-3`. */
  stubbed?: string;
}

/**
 * One request as the journal holds it until it is listed: the arrival time as ms since the epoch
 * (turned into ISO text only when someone reads the journal), everything else as listed.
 */
export interface RecordedRequest extends Omit<JournalEntry, 'time'> {
  time: number;
}

/** A bounded ring buffer of entries; the oldest falls out when it is full. */
export interface Journal {
  readonly limit: number;
  /** Keeps a completed request, giving it the next id (its `id` as passed is replaced). */
  record(entry: RecordedRequest): void;
  /** Entries oldest first, optionally of one vendor. */
  list(vendor?: VendorName): JournalEntry[];
  clear(): void;
}

function listed(entry: RecordedRequest): JournalEntry {
  const out: JournalEntry = {
    id: entry.id,
    time: new Date(entry.time).toISOString(),
    vendor: entry.vendor,
    method: entry.method,
    path: entry.path,
    query: entry.query,
    headers: entry.headers,
    status: entry.status,
    durationMs: entry.durationMs,
  };
  if (entry.replayed !== undefined) out.replayed = entry.replayed;
  if (entry.stubbed !== undefined) out.stubbed = entry.stubbed;
  return out;
}

/** Creates an empty journal that keeps at most `limit` entries. */
export function createJournal(limit: number = DEFAULT_JOURNAL_LIMIT): Journal {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('journalLimit must be a positive integer');
  let ring: (RecordedRequest | undefined)[] = new Array(limit);
  let next = 0;
  let count = 0;
  let nextId = 1;
  return {
    limit,
    record(entry) {
      entry.id = nextId;
      ring[next] = entry;
      nextId += 1;
      next = (next + 1) % limit;
      count = Math.min(count + 1, limit);
    },
    list(vendor) {
      const out: JournalEntry[] = [];
      const start = (next - count + limit) % limit;
      for (let i = 0; i < count; i += 1) {
        const entry = ring[(start + i) % limit]!;
        if (vendor === undefined || entry.vendor === vendor) out.push(listed(entry));
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
