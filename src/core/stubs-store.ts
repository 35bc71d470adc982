/**
 * The stub, data-override and scenario state of one instance, and how a request picks its stub.
 * The state itself is plain JSON-able data (`StubState`) so that a shared backend can hold it
 * later (issue 19); compiled matchers are a cache rebuilt from it.
 *
 * Choice among matching stubs: the lowest `priority` number first (1 is highest, default 5);
 * among equal priorities the newest stub wins (as WireMock). A stub with `times` stops answering
 * once it has answered that often, and stays listed (with `answered`) until removed.
 * Scenarios: every scenario named by a stub starts in `Started`; a stub with `requiredState`
 * answers only in that state; after answering, `newState` (when given) becomes the state.
 */
import { globMatch } from '../http/fault-rules.ts';
import type { VendorName } from './registry.ts';
import { type Stub, type StubResult, validateStub } from './stubs.ts';
import { compileCondition, type ValueMatcher } from './stubs-match.ts';
import type { Query, VendorRequest } from './types.ts';

export const STARTED = 'Started';

/** The datasets a data override can replace, and whose they are. */
export const DATASET_VENDORS = {
  exportRows: 'enneo',
  ticketWorklogs: 'enneo',
  userStatuses: 'voipcube',
  sessions: 'autozod',
} as const satisfies Record<string, VendorName>;

export type Dataset = keyof typeof DATASET_VENDORS;

/** A data override as listed: these rows instead of the world's, for one dataset. */
export interface DataOverride {
  id: string;
  vendor: VendorName;
  dataset: Dataset;
  rows: unknown[];
}

/** Everything the store holds; plain data. */
export interface StubState {
  /** The number of the next id; never goes back, not even on clear. */
  nextId: number;
  stubs: Stub[];
  overrides: DataOverride[];
  /** Scenario name → state, for every scenario a stub names. */
  scenarios: Record<string, string>;
}

export interface ScenarioState {
  name: string;
  state: string;
}

interface Compiled {
  query: [string, ValueMatcher][];
  headers: [string, ValueMatcher][];
}

export interface StubStore {
  /** How many stubs are set; with none a request needs no look-up. */
  readonly size: number;
  /** Counts every change of the overrides, so that handlers built over them know when to rebuild. */
  readonly overridesVersion: number;
  addStub(body: unknown): StubResult;
  /** Stores an override already checked; gives it the next id. */
  addOverride(override: Omit<DataOverride, 'id'>): DataOverride;
  /** Stubs and overrides, in the order they were added. */
  list(): (Stub | DataOverride)[];
  remove(id: string): boolean;
  /** Removes every stub and override and forgets the scenarios; ids go on. */
  clear(): void;
  /** The newest override of each dataset of `vendor`. */
  overridesOf(vendor: VendorName): Partial<Record<Dataset, unknown[]>>;
  /** The stub that would answer, without using it up. */
  find(vendor: VendorName, req: VendorRequest): Stub | null;
  /** The stub that answers, counted and with its scenario moved on. */
  take(vendor: VendorName, req: VendorRequest): Stub | null;
  scenarios(): ScenarioState[];
  /** @returns false when no stub names that scenario. */
  setScenario(name: string, state: string): boolean;
  resetScenarios(): void;
  /** Everything the store holds, as plain data (a copy). */
  snapshot(): StubState;
  /** Replaces everything the store holds (a shared state backend's copy). */
  restore(state: StubState): void;
}

const idNumber = (id: string) => Number(id.slice(id.indexOf('-') + 1));

function values(source: Query | VendorRequest['headers'], name: string): string[] {
  const value = source[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value as string];
}

export function createStubStore(): StubStore {
  // Scenario names come from clients: a prototype-less object keeps `__proto__` an ordinary name.
  const noPrototype = (): Record<string, string> => Object.create(null) as Record<string, string>;
  let state: StubState = { nextId: 1, stubs: [], overrides: [], scenarios: noPrototype() };
  let overridesVersion = 0;
  const compiled = new Map<string, Compiled>();

  const compiledOf = (stub: Stub): Compiled => {
    let c = compiled.get(stub.id);
    if (!c) {
      c = {
        query: Object.entries(stub.query).map(([n, cond]) => [n, compileCondition(cond)]),
        headers: Object.entries(stub.headers).map(([n, cond]) => [n, compileCondition(cond)]),
      };
      compiled.set(stub.id, c);
    }
    return c;
  };

  const matches = (stub: Stub, vendor: VendorName, req: VendorRequest): boolean => {
    if (stub.vendor !== vendor) return false;
    if (stub.times !== null && stub.answered >= stub.times) return false;
    if (stub.method !== null && stub.method !== req.method) return false;
    if (stub.path.includes('*') ? !globMatch(stub.path, req.path) : stub.path !== req.path) return false;
    if (stub.requiredState !== null && state.scenarios[stub.scenario!] !== stub.requiredState) return false;
    const c = compiledOf(stub);
    // A repeated parameter or header holds the condition when any of its values does.
    if (!c.query.every(([name, ok]) => values(req.query, name).some(ok))) return false;
    return c.headers.every(([name, ok]) => values(req.headers, name).some(ok));
  };

  const find = (vendor: VendorName, req: VendorRequest): Stub | null => {
    let best: Stub | null = null;
    for (const stub of state.stubs) {
      if (best !== null && stub.priority > best.priority) continue;
      // Later stubs are newer: on equal priority the later one wins.
      if (matches(stub, vendor, req)) best = stub;
    }
    return best;
  };

  /** Drops scenarios no stub names any more. */
  const pruneScenarios = () => {
    const named = new Set(state.stubs.map((s) => s.scenario).filter((s) => s !== null));
    for (const name of Object.keys(state.scenarios)) if (!named.has(name)) delete state.scenarios[name];
  };

  return {
    get size() {
      return state.stubs.length;
    },
    get overridesVersion() {
      return overridesVersion;
    },
    addStub(body) {
      const result = validateStub(body, `stub-${state.nextId}`);
      if (!result.ok) return result;
      state.nextId += 1;
      state.stubs.push(result.stub);
      const { scenario } = result.stub;
      if (scenario !== null && !Object.hasOwn(state.scenarios, scenario)) {
        Object.defineProperty(state.scenarios, scenario, {
          value: STARTED,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return { ok: true, stub: structuredClone(result.stub) };
    },
    addOverride(override) {
      const stored: DataOverride = { id: `stub-${state.nextId}`, ...override };
      state.nextId += 1;
      state.overrides.push(stored);
      overridesVersion += 1;
      return structuredClone(stored);
    },
    list() {
      const all: (Stub | DataOverride)[] = [...state.stubs, ...state.overrides];
      return structuredClone(all.sort((a, b) => idNumber(a.id) - idNumber(b.id)));
    },
    remove(id) {
      const stubs = state.stubs.filter((s) => s.id !== id);
      const overrides = state.overrides.filter((o) => o.id !== id);
      if (stubs.length === state.stubs.length && overrides.length === state.overrides.length) return false;
      if (overrides.length !== state.overrides.length) overridesVersion += 1;
      state.stubs = stubs;
      state.overrides = overrides;
      compiled.delete(id);
      pruneScenarios();
      return true;
    },
    clear() {
      if (state.overrides.length > 0) overridesVersion += 1;
      state.stubs = [];
      state.overrides = [];
      state.scenarios = noPrototype();
      compiled.clear();
    },
    overridesOf(vendor) {
      const out: Partial<Record<Dataset, unknown[]>> = {};
      for (const o of state.overrides) if (o.vendor === vendor) out[o.dataset] = o.rows;
      return out;
    },
    find,
    take(vendor, req) {
      const stub = find(vendor, req);
      if (stub === null) return null;
      stub.answered += 1;
      if (stub.scenario !== null && stub.newState !== null) state.scenarios[stub.scenario] = stub.newState;
      return structuredClone(stub);
    },
    scenarios: () => Object.entries(state.scenarios).map(([name, s]) => ({ name, state: s })),
    setScenario(name, value) {
      if (!Object.hasOwn(state.scenarios, name)) return false;
      state.scenarios[name] = value;
      return true;
    },
    resetScenarios() {
      for (const name of Object.keys(state.scenarios)) state.scenarios[name] = STARTED;
    },
    snapshot: () => structuredClone(state),
    restore(next) {
      const copy = structuredClone(next);
      // Object.assign onto a prototype-less object keeps a scenario named `__proto__` a plain key.
      copy.scenarios = Object.assign(noPrototype(), copy.scenarios);
      // An override never changes once stored, so the same ids mean the same rows.
      const ids = (overrides: DataOverride[]) => overrides.map((o) => o.id).join(' ');
      if (ids(copy.overrides) !== ids(state.overrides)) overridesVersion += 1;
      state = copy;
      compiled.clear();
    },
  };
}
