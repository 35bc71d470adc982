/**
 * Opening the Redis state (`--state redis://host:port[/db]`): the connection, the keys, the Lua
 * scripts, and the world check at start. ioredis is imported here, on first use, so a start
 * without `--state` never loads it.
 *
 * The client is set to fail fast rather than wait: no offline queue (a command while Redis is away
 * fails at once, so the controls answer 503 and vendor requests go on from the last known state),
 * a command timeout, and reconnection forever in the background.
 */
import type { Redis } from 'ioredis';
import type { LocalStores, SharedState, StateBackend } from './backend.ts';
import { bindRedis } from './redis-backend.ts';
import { shownStateUrl, stateUrlProblem } from './state-url.ts';

/** Every key standin uses, under one prefix (choose the database with the URL's `/db`). */
export interface StateKeys {
  /** The world and start settings of the replicas sharing this state (fingerprint.ts). */
  fingerprint: string;
  /** Bumped by every control write, atomically with it. */
  version: string;
  /** The authoritative settings, fault rules and stubs, as one JSON document. */
  state: string;
  /** The journal: one bounded stream. */
  journal: string;
  /** The journal's id counter (ids never repeat, not even after a reset). */
  journalNext: string;
  /** A fault rule's draw counter: the nth matching request anywhere gets the nth draw. */
  draws(ruleId: string): string;
}

export const STATE_KEYS: StateKeys = {
  fingerprint: 'standin:fingerprint',
  version: 'standin:version',
  state: 'standin:state',
  journal: 'standin:journal',
  journalNext: 'standin:journal:next',
  draws: (ruleId) => `standin:draws:${ruleId}`,
};

/** A Lua script as ioredis runs it (EVALSHA, falling back to EVAL). */
export type Script = (...args: (string | number | Buffer)[]) => Promise<unknown>;

/** What the backend and the journal need of the connection. */
export interface RedisLink {
  client: Redis;
  /** The URL as shown in messages (password masked). */
  url: string;
  replica: string;
  fingerprint: string;
  keys: StateKeys;
  /**
   * Compare-and-set of the state: `numkeys, version, state, ...keysToDelete, expectedVersion, json`.
   * @returns the new version, or -1 when another write came first.
   */
  cas: Script;
  /** Appends a journal entry: `journalNext, journal, maxlen, json, requestBytes, responseBytes`. @returns its id. */
  record: Script;
  /** Writes this replica's snapshot back after Redis lost its data: `fingerprint, version, state, fp, v, json`. */
  reseed: Script;
  /** The last connection error, for health and 503 messages. */
  lastError(): string | null;
}

const CAS = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return -1 end
redis.call('SET', KEYS[2], ARGV[2])
for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
return redis.call('INCR', KEYS[1])`;

const RECORD = `
local id = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'id', id, 'entry', ARGV[2], 'req', ARGV[3], 'res', ARGV[4])
return id`;

const RESEED = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3])
return 1`;

/** An open Redis state: bind an instance to it, close it when the server stops. */
export interface RedisState extends SharedState {
  readonly url: string;
  readonly replica: string;
  close(): Promise<void>;
}

export interface RedisStateOptions {
  /** `redis://[[user]:password@]host:port[/db]` (or `rediss://` for TLS). */
  url: string;
  /** This replica's name in the journal. */
  replica: string;
  /** stateFingerprint() of this replica's world and start settings. */
  fingerprint: string;
  /** How long the first connection may take (ms). Default 5000. */
  connectTimeoutMs?: number;
}

/** A named Lua script on the client; ioredis adds the method at run time, so TypeScript cannot see it. */
function defineScript(client: Redis, name: string, lua: string, numberOfKeys?: number): Script {
  client.defineCommand(name, numberOfKeys === undefined ? { lua } : { lua, numberOfKeys });
  const method = (client as unknown as Record<string, Script>)[name] as Script;
  return method.bind(client);
}

/**
 * Connects, and claims the state for this world or checks that it is this world's.
 * @throws Error with one line: Redis cannot be reached, or it holds another world's state (both named).
 */
export async function openRedisState(options: RedisStateOptions): Promise<RedisState> {
  const problem = stateUrlProblem(options.url);
  if (problem !== null) throw new Error(`the state URL ${problem}`);
  const url = shownStateUrl(options.url);
  const { Redis } = await import('ioredis');
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    // A command in flight when the connection drops fails rather than being sent again after the
    // reconnection: a compare-and-set sent twice could otherwise apply one control twice.
    maxRetriesPerRequest: 0,
    commandTimeout: 2_000,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(100 * times, 1_000),
    connectionName: `standin:${options.replica}`.replace(/\s/g, '_'),
  });
  let lastError: string | null = null;
  // Without a listener ioredis prints every failed reconnection; the last one is kept for health.
  client.on('error', (err: Error) => {
    lastError = err.message;
  });
  client.on('ready', () => {
    lastError = null;
  });
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    // ioredis rejects with "Connection is closed."; the socket's own error says why.
    throw new Error(`cannot reach Redis at ${url}: ${lastError ?? (err as Error).message}`);
  }
  let claimed: string | null;
  try {
    await client.set(STATE_KEYS.fingerprint, options.fingerprint, 'NX');
    claimed = await client.get(STATE_KEYS.fingerprint);
  } catch (err) {
    client.disconnect();
    throw new Error(`cannot use the state at ${url}: ${(err as Error).message}`);
  }
  if (claimed !== options.fingerprint) {
    client.disconnect();
    throw new Error(
      `${url} holds the state of another world: this replica serves ${options.fingerprint}, the state was made for ${claimed}; start every replica with the same seed, anchor, size, fixtures, settings and credentials, or use another database (redis://host:port/1)`,
    );
  }
  const link: RedisLink = {
    client,
    url,
    replica: options.replica,
    fingerprint: options.fingerprint,
    keys: STATE_KEYS,
    cas: defineScript(client, 'standinCas', CAS),
    record: defineScript(client, 'standinRecord', RECORD, 2),
    reseed: defineScript(client, 'standinReseed', RESEED, 3),
    lastError: () => lastError,
  };
  let closing: Promise<void> | undefined;
  return {
    url,
    replica: options.replica,
    bind: (stores: LocalStores): StateBackend => bindRedis(link, stores),
    close() {
      closing ??= client.quit().then(
        () => undefined,
        () => client.disconnect(),
      );
      return closing;
    },
  };
}
