/**
 * The shared journal: one bounded Redis stream (`XADD … MAXLEN ~ limit`) that every replica
 * appends to and `GET /__standin/requests` reads. Each entry names its replica. Ids come from one
 * counter, incremented in the same script as the append, so the stream's order is the ids' order
 * and `since=<id>` means the same on every replica.
 *
 * An entry is rendered (bodies decoded and redacted) when recorded, since it leaves the process.
 * Appending never delays the answer: it is sent when the answer is done, and an entry that cannot
 * be appended (Redis away) is dropped and counted (`droppedJournalEntries` in health).
 */
import { apiError } from '../../http/errors.ts';
import { globMatch } from '../../http/fault-rules.ts';
import { type JournalEntry, type JournalFilter, listed, type RecordedRequest } from '../../http/journal.ts';
import type { WaitResult } from '../controls.ts';
import { DEFAULT_WAIT_MS, type WaitFilter } from '../request-filter.ts';
import type { LocalStores } from './backend.ts';
import type { RedisLink } from './redis-state.ts';

/** How often a wait looks at the stream again (ms). */
const WAIT_POLL_MS = 20;

export interface RedisJournal {
  record(entry: RecordedRequest): void;
  list(filter: JournalFilter): Promise<JournalEntry[]>;
  count(filter: JournalFilter): Promise<number>;
  wait(wait: WaitFilter): Promise<WaitResult>;
  clear(): Promise<void>;
  /** Entries that could not be appended since start. */
  dropped(): number;
}

function passes(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.since === undefined || entry.id > filter.since) &&
    (filter.vendor === undefined || entry.vendor === filter.vendor) &&
    (filter.method === undefined || entry.method === filter.method) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.path === undefined || globMatch(filter.path, entry.path))
  );
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export function createRedisJournal(
  link: RedisLink,
  stores: Pick<LocalStores, 'journal' | 'redact'>,
): RedisJournal {
  const { client, keys, replica } = link;
  const { limit } = stores.journal;
  let dropped = 0;
  const unavailable = (err: unknown) =>
    apiError(
      'STATE_UNAVAILABLE',
      `the shared journal (redis at ${link.url}) cannot be read: ${(err as Error).message}; vendor requests are answered meanwhile, but not journaled`,
    );

  const notReady = () => unavailable(new Error(link.lastError() ?? `the connection is ${client.status}`));

  /** Stream entries as listed, oldest first. */
  const parse = (raw: [string, string[]][]): JournalEntry[] =>
    raw.map(([, fields]) => {
      const entry = JSON.parse(fields[fields.indexOf('entry') + 1]!) as JournalEntry;
      entry.id = Number(fields[fields.indexOf('id') + 1]);
      return entry;
    });

  /** Every entry the stream holds (at most `limit`, the newest), oldest first, and the last stream id. */
  async function all(): Promise<{ entries: JournalEntry[]; last: string }> {
    if (client.status !== 'ready') throw notReady();
    try {
      const raw = await client.xrevrange(keys.journal, '+', '-', 'COUNT', limit);
      return { entries: parse(raw.reverse()), last: raw.at(-1)?.[0] ?? '0-0' };
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** The entries appended after stream id `after`, oldest first, and the new last id. */
  async function since(after: string): Promise<{ entries: JournalEntry[]; last: string }> {
    if (client.status !== 'ready') throw notReady();
    try {
      const raw = await client.xrange(keys.journal, `(${after}`, '+', 'COUNT', limit);
      return { entries: parse(raw), last: raw.at(-1)?.[0] ?? after };
    } catch (err) {
      throw unavailable(err);
    }
  }

  const select = (entries: JournalEntry[], filter: JournalFilter) => {
    const matching = entries.filter((e) => passes(e, filter));
    return filter.limit === undefined ? matching : matching.slice(0, filter.limit);
  };

  return {
    record(entry) {
      if (client.status !== 'ready') {
        dropped += 1;
        return;
      }
      const shown = listed(entry, stores.redact);
      shown.replica = replica;
      link.record(keys.journalNext, keys.journal, limit, JSON.stringify(shown)).catch(() => {
        dropped += 1;
      });
    },
    list: async (filter) => select((await all()).entries, filter),
    count: async (filter) => select((await all()).entries, filter).length,
    async wait(wait) {
      const { count: wanted, timeoutMs = DEFAULT_WAIT_MS, signal, ...filter } = wait;
      // `limit` bounds what is listed, not what is counted towards `count`.
      const { limit: _limit, ...counted } = filter;
      const deadline = Date.now() + timeoutMs;
      // Read whole once, then only what was appended since (a poll is cheap when nothing came).
      let { entries, last } = await all();
      for (;;) {
        const count = entries.filter((e) => passes(e, counted)).length;
        const left = deadline - Date.now();
        if (count >= wanted || left <= 0 || signal?.aborted) {
          return { arrived: count >= wanted, count, requests: select(entries, filter) };
        }
        await sleep(Math.min(WAIT_POLL_MS, left), signal);
        const fresh = await since(last);
        last = fresh.last;
        if (fresh.entries.length > 0) entries = [...entries, ...fresh.entries].slice(-limit);
      }
    },
    async clear() {
      if (client.status !== 'ready')
        throw unavailable(new Error(link.lastError() ?? `the connection is ${client.status}`));
      try {
        await client.del(keys.journal);
      } catch (err) {
        throw unavailable(err);
      }
    },
    dropped: () => dropped,
  };
}
