/**
 * The shared journal: one bounded Redis stream (`XADD … MAXLEN ~ limit`) that every replica
 * appends to and `GET /__standin/requests` reads. Each entry names its replica. Ids come from one
 * counter, incremented in the same script as the append, so the stream's order is the ids' order
 * and `since=<id>` means the same on every replica.
 *
 * Bodies travel as the bytes captured (fields `req` and `res`) and become redacted text only when
 * listed, as in-process: decoding, redacting and JSON-escaping 8 KiB per request at record time
 * measured about a third of a request's CPU. Replicas sharing a state accept the same credentials
 * (the fingerprint checks it), so the replica that lists redacts what every replica recorded.
 * Appending never delays the answer: it is sent when the answer is done, and an entry that cannot
 * be appended (Redis away) is dropped and counted (`droppedJournalEntries` in health).
 */
import { apiError } from '../../http/errors.ts';
import {
  type JournalEntry,
  type JournalFilter,
  listed,
  matches,
  type RecordedRequest,
} from '../../http/journal.ts';
import { type CapturedBody, capturedBytes, listedBody } from '../../http/journal-body.ts';
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

  /** A body's description without its bytes (which travel in their own field). */
  const described = (body: CapturedBody | null): Omit<CapturedBody, 'bytes' | 'remake' | 'keep'> | null => {
    if (body === null) return null;
    const { bytes: _bytes, remake: _remake, keep: _keep, ...rest } = body;
    return rest;
  };
  const EMPTY = Buffer.alloc(0);
  /**
   * The bytes to store. A body captured lazily (`remake`, a pooled export page) is made now: the
   * other replicas cannot call this one's functions, so the shared journal pays here what the
   * in-process one pays only when listed.
   */
  const bytesOf = (body: CapturedBody | null) => {
    const bytes = body === null ? undefined : capturedBytes(body);
    return bytes === undefined ? EMPTY : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };

  /** Stream entries as listed, oldest first. */
  const parse = (raw: [Buffer, Buffer[]][]): JournalEntry[] =>
    raw.map(([, fields]) => {
      const field = new Map<string, Buffer>();
      for (let i = 0; i + 1 < fields.length; i += 2) field.set(fields[i]!.toString(), fields[i + 1]!);
      const { entry, bodies } = JSON.parse(String(field.get('entry'))) as {
        entry: JournalEntry;
        bodies: [Omit<CapturedBody, 'bytes'> | null, Omit<CapturedBody, 'bytes'> | null];
      };
      entry.id = Number(String(field.get('id')));
      const body = (meta: Omit<CapturedBody, 'bytes'> | null, bytes: Buffer | undefined) => {
        if (meta === null) return null;
        const captured: CapturedBody = meta.omitted === undefined ? { ...meta, bytes: bytes ?? EMPTY } : meta;
        return listedBody(captured, stores.redact);
      };
      entry.requestBody = body(bodies[0], field.get('req'));
      entry.responseBody = body(bodies[1], field.get('res'));
      return entry;
    });

  /** Every entry the stream holds (at most `limit`, the newest), oldest first, and the last stream id. */
  async function all(): Promise<{ entries: JournalEntry[]; last: string }> {
    if (client.status !== 'ready') throw notReady();
    try {
      const raw = await client.xrevrangeBuffer(keys.journal, '+', '-', 'COUNT', limit);
      raw.reverse();
      return { entries: parse(raw), last: raw.at(-1)?.[0].toString() ?? '0-0' };
    } catch (err) {
      throw unavailable(err);
    }
  }

  /** The entries appended after stream id `after`, oldest first, and the new last id. */
  async function since(after: string): Promise<{ entries: JournalEntry[]; last: string }> {
    if (client.status !== 'ready') throw notReady();
    try {
      const raw = await client.xrangeBuffer(keys.journal, `(${after}`, '+', 'COUNT', limit);
      return { entries: parse(raw), last: raw.at(-1)?.[0].toString() ?? after };
    } catch (err) {
      throw unavailable(err);
    }
  }

  const select = (entries: JournalEntry[], filter: JournalFilter) => {
    const matching = entries.filter((e) => matches(e, filter));
    return filter.limit === undefined ? matching : matching.slice(0, filter.limit);
  };

  return {
    record(entry) {
      if (client.status !== 'ready') {
        dropped += 1;
        return;
      }
      const { requestBody, responseBody } = entry;
      const shown = listed({ ...entry, requestBody: null, responseBody: null }, stores.redact);
      shown.replica = replica;
      const head = JSON.stringify({
        entry: shown,
        bodies: [described(requestBody), described(responseBody)],
      });
      link
        .record(keys.journalNext, keys.journal, limit, head, bytesOf(requestBody), bytesOf(responseBody))
        .catch(() => {
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
        const count = entries.filter((e) => matches(e, counted)).length;
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
