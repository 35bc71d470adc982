/**
 * Fault rules across replicas (issue 19, item 3). In-process, each rule draws from its own seeded
 * generator, one draw per matching request. With a shared state each rule has a counter in Redis
 * (INCR, one per matching request, pipelined with the version check), and the request that gets
 * count n uses the rule's nth draw: mulberry32's state after n steps is `seed + n·k mod 2³²`, so
 * any draw is computed directly. The nth matching request anywhere therefore meets the same fault
 * as the nth matching request of a single process with the same rule.
 */
import { type FaultRule, type FaultRules, faultOf, globMatch, seededRandom } from '../../http/fault-rules.ts';
import type { VendorName } from '../registry.ts';

/** mulberry32's increment (fault-rules.ts `seededRandom`). */
const STEP = 0x6d2b79f5;

/**
 * The draw at `index` (0-based) of the sequence `seededRandom(seed)` yields.
 * @example drawAt(7, 2) === (() => { const r = seededRandom(7); r(); r(); return r(); })()
 */
export function drawAt(seed: number, index: number): number {
  return seededRandom((seed + Math.imul(index, STEP)) >>> 0)();
}

/** Whether `rule` draws for a request to `vendor` at `path` (the full path). */
export function ruleMatches(rule: FaultRule, vendor: VendorName, path: string): boolean {
  return (
    (rule.vendor === null || rule.vendor === vendor) && (rule.path === null || globMatch(rule.path, path))
  );
}

/** Where the shared rule set gets its rules and each request's draw indexes from. */
export interface SharedDraws {
  /** The rules of the local snapshot (read per request). */
  rules(): readonly FaultRule[];
  /**
   * The shared index of each matching rule for the request being decided, or null when Redis
   * could not be asked (then the replica goes on from the last index it knows: the sequence is
   * no longer shared while Redis is away).
   */
  pending(): ReadonlyMap<string, number> | null;
}

/**
 * The rule set the vendor pipeline draws from with a shared state: the controls' methods go to the
 * local rules, `draw` uses the shared indexes.
 */
export function sharedFaultRules(local: FaultRules, shared: SharedDraws): FaultRules {
  const lastIndex = new Map<string, number>();
  return {
    get size() {
      return shared.rules().length;
    },
    add: (body) => local.add(body),
    list: () => local.list(),
    remove: (id) => local.remove(id),
    clear: () => local.clear(),
    snapshot: () => local.snapshot(),
    restore: (state) => local.restore(state),
    draw(vendor, path) {
      const pending = shared.pending();
      let fired: FaultRule | null = null;
      for (const rule of shared.rules()) {
        if (!ruleMatches(rule, vendor, path)) continue;
        const index = pending?.get(rule.id) ?? (lastIndex.get(rule.id) ?? -1) + 1;
        lastIndex.set(rule.id, Math.max(index, lastIndex.get(rule.id) ?? -1));
        if (drawAt(rule.seed, index) < rule.probability && fired === null) fired = rule;
      }
      return fired === null ? null : { ruleId: fired.id, fault: faultOf(fired) };
    },
  };
}
