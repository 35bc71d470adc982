/**
 * The Redis backend (`--state redis://…`). Redis holds the authoritative settings, fault rules and
 * stubs as one JSON document plus a version counter; each replica keeps a local snapshot that the
 * vendor pipeline reads synchronously, as in-process.
 *
 * Consistency rule: a control change made through any replica holds on every replica before the
 * control's answer returns. A write runs the in-process control on the local snapshot and stores
 * the result with a compare-and-set on the version (one Lua script: SET + INCR, or refused when
 * another write came first, then retried on the newer state). Every vendor request first reads the
 * version (one round trip, pipelined with the fault rules' draw counters) and reloads the snapshot
 * when it changed; so any request that starts after a control answered sees that control.
 *
 * Redis away: controls answer 503 STATE_UNAVAILABLE; vendor requests are answered from the last
 * snapshot this replica loaded (journal entries are dropped and counted in health); the client
 * reconnects in the background and the next request catches up. Redis back without its data (a
 * restart without persistence): the first replica to notice writes its snapshot back.
 */
import type { Settings } from '../../config/settings.ts';
import { ApiError, apiError } from '../../http/errors.ts';
import type { FaultRule, FaultRulesState } from '../../http/fault-rules.ts';
import type { Controls, StateHealth } from '../controls.ts';
import type { VendorName } from '../registry.ts';
import type { StubState } from '../stubs-store.ts';
import type { LocalStores, StateBackend } from './backend.ts';
import { createRedisJournal } from './redis-journal.ts';
import type { RedisLink } from './redis-state.ts';
import { sharedControls } from './shared-controls.ts';
import { ruleMatches, sharedFaultRules } from './shared-faults.ts';

/** The shared document. */
interface SharedDoc {
  settings: Settings;
  faults: FaultRulesState;
  stubs: StubState;
}

/** Retries of a write that keeps losing the compare-and-set to other replicas' writes. */
const MAX_WRITE_ATTEMPTS = 20;

/** How the controls reach the shared state. */
export interface SharedAccess {
  /** Runs a control on the current shared state and stores its outcome atomically. */
  write<T>(change: () => Promise<T> | T, options?: { clearJournal?: boolean }): Promise<T>;
  /** Brings the local snapshot up to the shared version (for the controls that read). */
  refresh(): Promise<void>;
  /** For `/__standin/health`. */
  status(): StateHealth;
}

export function bindRedis(link: RedisLink, stores: LocalStores): StateBackend {
  const { client, keys } = link;
  const snapshot = (): SharedDoc => ({
    settings: structuredClone(stores.settings.get()) as Settings,
    faults: stores.faults.snapshot(),
    stubs: stores.stubs.snapshot(),
  });
  /** What a state no replica has written to yet holds: this replica's start (the same on all, by the fingerprint). */
  const start = snapshot();
  let version = 0;
  /**
   * The shared document at `version`: what the snapshot goes back to when a change is refused,
   * loses the compare-and-set or cannot be stored (a reload may have come in meanwhile, so the
   * state before the change is not necessarily the latest).
   */
  let known = start;
  let rules: readonly FaultRule[] = start.faults.rules;
  /** Reads of the shared state are numbered, so that an older one never overwrites a newer snapshot. */
  let fetches = 0;
  let applied = 0;
  let pending: ReadonlyMap<string, number> | null = null;
  const ready = () => client.status === 'ready';

  const overrideIds = (state: StubState, vendor: VendorName) =>
    state.overrides
      .filter((o) => o.vendor === vendor)
      .map((o) => o.id)
      .join(' ');

  function apply(doc: SharedDoc): void {
    const before = stores.stubs.snapshot();
    known = doc;
    stores.settings.set(doc.settings);
    stores.faults.restore(doc.faults);
    stores.stubs.restore(doc.stubs);
    rules = doc.faults.rules;
    const vendors = new Set([...before.overrides, ...doc.stubs.overrides].map((o) => o.vendor));
    for (const vendor of vendors) {
      if (overrideIds(before, vendor) !== overrideIds(doc.stubs, vendor)) stores.overridesChanged(vendor);
    }
  }

  const unavailable = (reason: string) =>
    apiError(
      'STATE_UNAVAILABLE',
      `the shared state (redis at ${link.url}) cannot be reached: ${reason}; controls are refused until it is back, vendor requests are answered from the last state this replica (${link.replica}) loaded`,
    );

  /** Loads the shared document when its version differs from the snapshot's. */
  async function fetchShared(): Promise<void> {
    const seq = ++fetches;
    const [fingerprint = null, shared = null, json = null] = await client.mget(
      keys.fingerprint,
      keys.version,
      keys.state,
    );
    if (fingerprint === null) {
      // Redis lost its data: give it the last shared state this replica knows (the first replica
      // to get here wins; the others load what it wrote).
      const next = Math.max(version, 1);
      await link.reseed(
        keys.fingerprint,
        keys.version,
        keys.state,
        link.fingerprint,
        next,
        JSON.stringify(known),
      );
      return fetchShared();
    }
    if (fingerprint !== link.fingerprint) {
      throw new Error(`it now holds another world's state (${fingerprint.slice(0, 200)})`);
    }
    const current = Number(shared ?? 0);
    if (seq < applied) return;
    if (current !== version) {
      apply(json === null ? start : (JSON.parse(json) as SharedDoc));
      version = current;
    }
    applied = seq;
  }

  /** Runs a Redis step for a control; any failure becomes the 503. */
  async function guarded<T>(step: () => Promise<T>): Promise<T> {
    if (!ready()) throw unavailable(link.lastError() ?? `the connection is ${client.status}`);
    try {
      return await step();
    } catch (err) {
      if (err instanceof ApiError) throw err;
      throw unavailable((err as Error).message);
    }
  }

  // Writes of one replica run one at a time: each runs on the snapshot the previous one left.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const access: SharedAccess = {
    write(change, options = {}) {
      return serialized(async () => {
        for (let attempt = 1; ; attempt += 1) {
          await guarded(fetchShared);
          const before = known;
          const expected = version;
          let result: Awaited<ReturnType<typeof change>>;
          try {
            result = await change();
          } catch (err) {
            apply(known);
            throw err;
          }
          const after = snapshot();
          const dropped = before.faults.rules
            .filter((r) => !after.faults.rules.some((a) => a.id === r.id))
            .map((r) => keys.draws(r.id));
          const deleted = options.clearJournal ? [keys.journal, ...dropped] : dropped;
          let next: number;
          try {
            next = Number(
              await guarded(() =>
                link.cas(
                  2 + deleted.length,
                  keys.version,
                  keys.state,
                  ...deleted,
                  expected,
                  JSON.stringify(after),
                ),
              ),
            );
          } catch (err) {
            apply(known);
            throw err;
          }
          if (next >= 0) {
            version = next;
            known = after;
            applied = ++fetches;
            rules = after.faults.rules;
            return result;
          }
          apply(known);
          if (attempt >= MAX_WRITE_ATTEMPTS) {
            throw unavailable(`other replicas' writes came first ${attempt} times in a row`);
          }
        }
      });
    },
    refresh: () => guarded(fetchShared),
    status: () => ({
      backend: 'redis',
      url: link.url,
      replica: link.replica,
      available: ready(),
      version,
      droppedJournalEntries: journal.dropped(),
      ...(ready() ? {} : { error: link.lastError() ?? `the connection is ${client.status}` }),
    }),
  };

  /**
   * Before a vendor request: the version (and the draw counters of the rules that match) in one
   * round trip; a reload when the version changed. Never throws: with Redis away the request is
   * answered from the last snapshot.
   */
  async function beforeRequest(
    vendor: VendorName,
    path: string,
  ): Promise<ReadonlyMap<string, number> | null> {
    if (!ready()) return null;
    try {
      const matching = rules.filter((r) => ruleMatches(r, vendor, path)).map((r) => r.id);
      const indexes = new Map<string, number>();
      let shared: unknown;
      if (matching.length === 0) {
        // A lone GET: auto-pipelining batches it with the other requests' checks of this tick.
        shared = await client.get(keys.version);
      } else {
        const batch = client.pipeline().get(keys.version);
        for (const id of matching) batch.incr(keys.draws(id));
        const results = (await batch.exec()) ?? [];
        for (const [i, [err, value]] of results.entries()) {
          if (err) throw err;
          if (i > 0) indexes.set(matching[i - 1]!, Number(value) - 1);
        }
        shared = results[0]?.[1];
      }
      if (Number(shared ?? 0) !== version) {
        await fetchShared();
        // Rules added by the change draw now; a removed rule's draw is simply unused.
        const added = rules
          .filter((r) => ruleMatches(r, vendor, path) && !indexes.has(r.id))
          .map((r) => r.id);
        if (added.length > 0) {
          const counts = await Promise.all(added.map((id) => client.incr(keys.draws(id))));
          for (const [i, id] of added.entries()) indexes.set(id, counts[i]! - 1);
        }
      }
      return indexes;
    } catch {
      // Redis went away mid-request: answered from the last snapshot, as documented.
      return null;
    }
  }

  const journal = createRedisJournal(link, stores);
  const faults = sharedFaultRules(stores.faults, { rules: () => rules, pending: () => pending });

  return {
    kind: 'redis',
    faults,
    journal,
    stubs: {
      get size() {
        return stores.stubs.size;
      },
      find: (vendor, req) => stores.stubs.find(vendor, req),
      // Taking a stub counts its answers and may move its scenario: a shared write, so that a stub
      // with `times: 1` answers once across all replicas. With Redis away it is taken locally.
      async take(vendor, req) {
        if (!ready()) return stores.stubs.take(vendor, req);
        try {
          return await access.write(() => stores.stubs.take(vendor, req));
        } catch (err) {
          if (err instanceof ApiError && err.code === 'STATE_UNAVAILABLE')
            return stores.stubs.take(vendor, req);
          throw err;
        }
      },
    },
    controls: (local: Controls) => sharedControls(local, access, journal, stores.journal.limit),
    wrapPipeline: (vendor, pipeline) => async (req, relativePath) => {
      const draws = await beforeRequest(vendor, req.path);
      // The pipeline draws its faults synchronously, before its first await (decideFault opens
      // `run`), so the draws are handed over for exactly this call and taken back right after.
      // Were the draw ever moved after an await, `pending` would be null there and the rules would
      // draw from the replica's own counters: the cross-replica sequence test would fail.
      pending = draws;
      try {
        return pipeline(req, relativePath);
      } finally {
        pending = null;
      }
    },
  };
}
