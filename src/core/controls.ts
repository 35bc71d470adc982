/**
 * The mock controls as typed methods: what `/__standin/…` does over HTTP, callable in-process
 * (`createHandlers(...).controls` in MSW). Every method is async so that a shared state backend
 * (issue 19) can stand behind the same interface; in-process they settle at once.
 */
import type { SettingsStore } from '../config/settings.ts';
import { applySettingsPatch } from '../http/admin-settings.ts';
import type { FaultRule, FaultRules } from '../http/fault-rules.ts';
import type { Journal, JournalEntry } from '../http/journal.ts';
import { ControlError } from './control-error.ts';
import type { Settings, VendorName } from './registry.ts';
import { checkFilter, checkWait, type RequestFilter, type WaitFilter } from './request-filter.ts';
import { waitForRequests } from './request-wait.ts';
import type { StubControls } from './stubs-controls.ts';

export type { RequestFilter, WaitFilter } from './request-filter.ts';

/** Settings given at start-up or to `putSettings`: any subset, per vendor. */
export type SettingsOverrides = { [V in keyof Settings]?: Partial<Settings[V]> };

/** A fault rule as `POST /__standin/faults` takes it. */
export interface FaultRuleInput {
  vendor?: VendorName | null;
  path?: string | null;
  probability: number;
  code?: number;
  delayMs?: number;
  reset?: boolean;
  /** Seconds for `Retry-After`; only with code 429 or 503 (default there: 1). */
  retryAfter?: number | null;
  seed?: number;
}

/** What a wait for requests ends with: the matching entries, and whether `count` of them arrived. */
export interface WaitResult {
  /** False when the timeout came first (HTTP: 408). */
  arrived: boolean;
  /** How many matching requests there were when the wait ended. */
  count: number;
  /** The matching entries, oldest first (at most `limit`). */
  requests: JournalEntry[];
}

/** The shared state as health shows it (only with `--state`). */
export interface StateHealth {
  backend: 'redis';
  /** The Redis URL, password masked. */
  url: string;
  /** This replica's name in the journal. */
  replica: string;
  /** Whether Redis answers now; while it does not, controls answer 503. */
  available: boolean;
  /** The shared version this replica's snapshot is at. */
  version: number;
  /** Vendor requests answered while Redis was away, hence not journaled. */
  droppedJournalEntries: number;
  /** Why Redis is not available (when it is not). */
  error?: string;
}

/** The controls of one standin instance. Refused input throws a ControlError naming the field. */
export interface Controls extends StubControls {
  /** Always 200 `{ status: 'ok' }`; with a shared state also `state` (Redis may be away: see `available`). */
  health(): Promise<{ status: 'ok'; state?: StateHealth }>;
  getSettings(): Promise<Settings>;
  /** Applies a partial change; nothing changes when any part is refused. @returns the new settings. */
  putSettings(patch: SettingsOverrides): Promise<Settings>;
  addFaultRule(rule: FaultRuleInput): Promise<FaultRule>;
  listFaultRules(): Promise<FaultRule[]>;
  /** @returns whether a rule with that id existed. */
  removeFaultRule(id: string): Promise<boolean>;
  removeFaultRules(): Promise<void>;
  /** The journal, oldest first; every filter part must hold. */
  listRequests(filter?: RequestFilter): Promise<JournalEntry[]>;
  /** How many journal entries match (at most `filter.limit`). */
  countRequests(filter?: RequestFilter): Promise<number>;
  /**
   * Settles once `count` matching requests are in the journal (those already there count, so pass
   * `since` with the last id you saw to wait only for new ones), or at `timeoutMs` (default 5000,
   * at most 60000) with `arrived: false`.
   */
  waitForRequests(wait: WaitFilter): Promise<WaitResult>;
  clearRequests(): Promise<void>;
  /**
   * Settings back to their start-up values; fault rules and journal emptied; stubs and data
   * overrides removed, and with them their scenarios (as WireMock's reset).
   */
  reset(): Promise<void>;
}

/** Everything mutable of one instance; today in-process, later behind a state interface. */
export interface ControlState {
  settings: SettingsStore;
  faults: FaultRules;
  journal: Journal;
  stubs: StubControls;
}

export function createControls(state: ControlState): Controls {
  return {
    ...state.stubs,
    health: async () => ({ status: 'ok' }),
    getSettings: async () => structuredClone(state.settings.get()) as Settings,
    async putSettings(patch) {
      const result = applySettingsPatch(state.settings.get(), patch);
      if (!result.ok) {
        throw new ControlError(result.problem.message, result.problem.field, result.problem.allowed);
      }
      state.settings.set(result.settings);
      return structuredClone(state.settings.get()) as Settings;
    },
    async addFaultRule(rule) {
      const result = state.faults.add(rule);
      if (!result.ok) throw new ControlError(result.problem.message, result.problem.field);
      return result.rule;
    },
    listFaultRules: async () => state.faults.list(),
    removeFaultRule: async (id) => state.faults.remove(id),
    async removeFaultRules() {
      state.faults.clear();
    },
    listRequests: async (filter = {}) => state.journal.list(checkFilter(filter, state.journal.limit)),
    countRequests: async (filter = {}) => state.journal.count(checkFilter(filter, state.journal.limit)),
    waitForRequests: (wait) => waitForRequests(state.journal, checkWait(wait, state.journal.limit)),
    async clearRequests() {
      state.journal.clear();
    },
    async reset() {
      state.settings.reset();
      state.faults.clear();
      state.journal.clear();
      await state.stubs.removeStubs();
    },
  };
}
