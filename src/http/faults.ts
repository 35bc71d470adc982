/**
 * Which fault a vendor request gets: the one asked for by its `Prefer` header, else one drawn from
 * the server-wide rules. Pure decision; the core's pipeline carries it out.
 */
import type { VendorName } from '../core/registry.ts';
import type { FaultRules } from './fault-rules.ts';
import { type Fault, parsePrefer, preferenceApplied } from './prefer.ts';

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'refused'; problem: string }
  | { kind: 'fault'; fault: Fault; source: string; preferenceApplied: string | null };

const NONE: FaultDecision = Object.freeze({ kind: 'none' });

/**
 * Decides the fault of one request to `vendor` at `path` (the full path, as a rule's glob sees it).
 * Rules draw even when Prefer decides, so a rule's sequence depends only on the requests it matches.
 */
export function decideFault(
  vendor: VendorName,
  path: string,
  prefer: string | undefined,
  rules: FaultRules,
): FaultDecision {
  const asked = parsePrefer(prefer);
  if (!asked.ok) return { kind: 'refused', problem: asked.problem };
  const drawn = rules.size === 0 ? null : rules.draw(vendor, path);
  if (asked.fault) {
    const applied = preferenceApplied(asked.fault);
    return {
      kind: 'fault',
      fault: asked.fault,
      source: 'asked for with the Prefer header',
      preferenceApplied: applied === '' ? null : applied,
    };
  }
  if (drawn)
    return {
      kind: 'fault',
      fault: drawn.fault,
      source: `fault rule ${drawn.ruleId}`,
      preferenceApplied: null,
    };
  return NONE;
}

/** Waits `ms`, or less when `signal` aborts first. @returns whether the caller is still there. */
export function waitUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
