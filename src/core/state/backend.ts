/**
 * The state interface: where an instance's mutable state lives. Everything mutable (settings,
 * fault rules with their id counter, stubs with their data overrides and scenario states and id
 * counter, the journal) is held by local stores that the vendor pipeline reads synchronously; a
 * backend decides what stands behind them:
 *
 * - in-process (`memoryBackend`, the default): the local stores are the state; nothing is wrapped,
 *   so behaviour and speed are those of a single process;
 * - Redis (`RedisState.bind`, `--state redis://…`): Redis holds the authoritative copy and the
 *   journal, and the local stores are a snapshot kept current before every request (see
 *   redis-backend.ts for the consistency rule).
 */
import type { SettingsStore } from '../../config/settings.ts';
import type { FaultRules } from '../../http/fault-rules.ts';
import type { Journal } from '../../http/journal.ts';
import type { Controls } from '../controls.ts';
import type { VendorName } from '../registry.ts';
import type { StubLookup } from '../stubs-handler.ts';
import type { StubStore } from '../stubs-store.ts';
import type { VendorPipeline } from '../vendor-pipeline.ts';

/** The local stores of one instance, which every backend keeps the vendor pipeline reading. */
export interface LocalStores {
  settings: SettingsStore;
  faults: FaultRules;
  stubs: StubStore;
  journal: Journal;
  /** Rebuilds a vendor's handler after its data overrides changed. */
  overridesChanged(vendor: VendorName): void;
  /** Masks credentials in journal text. */
  redact(text: string): string;
}

/** What an instance reaches its state through. */
export interface StateBackend {
  readonly kind: 'memory' | 'redis';
  /** The rules the vendor pipeline draws faults from. */
  readonly faults: FaultRules;
  /** Where completed vendor requests are recorded. */
  readonly journal: Pick<Journal, 'record'>;
  /** The stubs the vendor handlers look up and take. */
  readonly stubs: StubLookup;
  /** The controls over this state, given the in-process controls over the local stores. */
  controls(local: Controls): Controls;
  /** A vendor's pipeline with whatever must happen around each request (nothing in-process). */
  wrapPipeline(vendor: VendorName, pipeline: VendorPipeline): VendorPipeline;
}

/** A connection to a shared state that an instance binds its local stores to. */
export interface SharedState {
  bind(stores: LocalStores): StateBackend;
}

/** The in-process backend: the local stores are the whole state. */
export function memoryBackend(stores: LocalStores): StateBackend {
  return {
    kind: 'memory',
    faults: stores.faults,
    journal: stores.journal,
    stubs: stores.stubs,
    controls: (local) => local,
    wrapPipeline: (_vendor, pipeline) => pipeline,
  };
}
