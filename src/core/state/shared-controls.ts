/**
 * The controls over a shared state: every change runs the in-process control on the current
 * shared state and is stored before it answers (SharedAccess.write); every read first brings the
 * local snapshot up to date; the journal is the shared stream. Validation stays the in-process
 * controls' own, so refusals are the same 400s with or without Redis.
 */
import type { Controls } from '../controls.ts';
import { checkFilter, checkWait } from '../request-filter.ts';
import type { StubControls } from '../stubs-controls.ts';
import type { SharedAccess } from './redis-backend.ts';
import type { RedisJournal } from './redis-journal.ts';

/** @param limit the journal's limit (the stream's bound), which filters are checked against */
export function sharedControls(
  local: Controls,
  access: SharedAccess,
  journal: RedisJournal,
  limit: number,
): Controls {
  const write =
    <A extends unknown[], R>(control: (...args: A) => Promise<R>) =>
    (...args: A) =>
      access.write(() => control(...args));
  const read =
    <A extends unknown[], R>(control: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      await access.refresh();
      return control(...args);
    };
  return {
    health: async () => ({ status: 'ok', state: access.status() }),
    getSettings: read(local.getSettings),
    putSettings: write(local.putSettings),
    addFaultRule: write(local.addFaultRule),
    listFaultRules: read(local.listFaultRules),
    removeFaultRule: write(local.removeFaultRule),
    removeFaultRules: write(local.removeFaultRules),
    addStub: write(local.addStub) as StubControls['addStub'],
    listStubs: read(local.listStubs),
    removeStub: write(local.removeStub),
    removeStubs: write(local.removeStubs),
    listScenarios: read(local.listScenarios),
    setScenarioState: write(local.setScenarioState),
    resetScenarios: write(local.resetScenarios),
    listRequests: async (filter = {}) => journal.list(checkFilter(filter, limit)),
    countRequests: async (filter = {}) => journal.count(checkFilter(filter, limit)),
    waitForRequests: async (wait) => journal.wait(checkWait(wait, limit)),
    clearRequests: () => journal.clear(),
    // Settings, fault rules and stubs go back together with the journal, in one atomic script.
    reset: () => access.write(() => local.reset(), { clearJournal: true }),
  };
}
