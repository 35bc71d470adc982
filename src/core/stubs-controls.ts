/**
 * The stub, data-override and scenario controls as typed methods (part of `Controls`): what
 * `/__standin/stubs` and `/__standin/scenarios` do over HTTP, callable in-process.
 */
import { apiError } from '../http/errors.ts';
import { ControlError } from './control-error.ts';
import { type DataOverrideInput, isOverrideBody, validateOverride } from './overrides.ts';
import type { VendorName } from './registry.ts';
import type { Stub, StubInput } from './stubs.ts';
import type { DataOverride, ScenarioState, StubStore } from './stubs-store.ts';

export type { DataOverrideInput } from './overrides.ts';
export type { Stub, StubInput, StubResponseInput } from './stubs.ts';
export type { DataOverride, Dataset, ScenarioState } from './stubs-store.ts';

const MAX_STATE_LENGTH = 200;

/** The stub and scenario controls. Refused input throws a ControlError naming the field. */
export interface StubControls {
  /** Adds a stub, or a data override when the input names a dataset. @returns it, with its id. */
  addStub(input: StubInput): Promise<Stub>;
  addStub(input: DataOverrideInput): Promise<DataOverride>;
  addStub(input: StubInput | DataOverrideInput): Promise<Stub | DataOverride>;
  /** Stubs and data overrides, in the order they were added. */
  listStubs(): Promise<(Stub | DataOverride)[]>;
  /** @returns whether a stub or override with that id existed. */
  removeStub(id: string): Promise<boolean>;
  /** Removes every stub and data override (their scenarios go with them); ids go on. */
  removeStubs(): Promise<void>;
  listScenarios(): Promise<ScenarioState[]>;
  /** Sets one scenario's state. @throws an ApiError NOT_FOUND (404) when no stub names it. */
  setScenarioState(name: string, state: string): Promise<ScenarioState>;
  /** Every scenario back to `Started`. */
  resetScenarios(): Promise<void>;
}

/** What the controls need: the store, and a hook that rebuilds a vendor's handler over its overrides. */
export interface StubControlDeps {
  store: StubStore;
  /** Called after a vendor's overrides changed; throws when the handler cannot be built. */
  overridesChanged(vendor: VendorName): void;
}

export function createStubControls(deps: StubControlDeps): StubControls {
  const { store } = deps;
  async function addStub(input: StubInput | DataOverrideInput): Promise<Stub | DataOverride> {
    if (isOverrideBody(input)) {
      const result = await validateOverride(input as unknown as Record<string, unknown>);
      if (!result.ok) throw new ControlError(result.message, result.field);
      const stored = store.addOverride(result.value);
      try {
        deps.overridesChanged(stored.vendor);
      } catch (err) {
        // Nothing half-applied: the rows go, and the handler is rebuilt as it was.
        store.remove(stored.id);
        deps.overridesChanged(stored.vendor);
        throw new ControlError(`rows cannot be served: ${(err as Error).message}`, 'rows');
      }
      return stored;
    }
    const result = store.addStub(input);
    if (!result.ok) throw new ControlError(result.problem.message, result.problem.field);
    return result.stub;
  }
  return {
    addStub: addStub as StubControls['addStub'],
    listStubs: async () => store.list(),
    async removeStub(id) {
      const vendor = store.list().find((s) => s.id === id && 'dataset' in s)?.vendor;
      const removed = store.remove(id);
      if (vendor !== undefined) deps.overridesChanged(vendor);
      return removed;
    },
    async removeStubs() {
      const vendors = new Set(store.list().flatMap((s) => ('dataset' in s ? [s.vendor] : [])));
      store.clear();
      for (const vendor of vendors) deps.overridesChanged(vendor);
    },
    listScenarios: async () => store.scenarios(),
    async setScenarioState(name, state) {
      if (typeof state !== 'string' || state.length === 0 || state.length > MAX_STATE_LENGTH) {
        throw new ControlError(`state must be text of 1 to ${MAX_STATE_LENGTH} characters`, 'state');
      }
      if (!store.setScenario(name, state)) {
        const known = store.scenarios().map((s) => s.name);
        throw apiError(
          'NOT_FOUND',
          `no scenario ${JSON.stringify(name.slice(0, 200))}; a scenario exists while a stub names it${known.length > 0 ? ` (now: ${known.join(', ')})` : ''}`,
        );
      }
      return { name, state };
    },
    async resetScenarios() {
      store.resetScenarios();
    },
  };
}
