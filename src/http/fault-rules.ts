/**
 * Server-wide fault rules (`POST /__standin/faults`): which vendor requests a rule may hit, how
 * often, and what it does. Each rule draws from its own seeded generator, one draw per request it
 * matches, so a chaos run replayed with the same requests injects the same faults.
 */

import { VENDOR_DESCRIPTORS, VENDORS, type VendorName } from '../core/registry.ts';
import {
  type Fault,
  MAX_DELAY_MS,
  MAX_FAULT_CODE,
  MAX_RETRY_AFTER_S,
  MIN_FAULT_CODE,
  RETRY_AFTER_CODES,
} from './prefer.ts';

/** A rule as the controls show it; absent parts are null. */
export interface FaultRule {
  id: string;
  /** Only this vendor's requests, or every vendor's when null. */
  vendor: VendorName | null;
  /** Only requests whose full path matches (`*` matches any run of characters), or every path. */
  path: string | null;
  /** Chance from 0 to 1 that a matching request gets the fault. */
  probability: number;
  code: number | null;
  delayMs: number | null;
  reset: boolean;
  /** Seconds for `Retry-After` (429/503 only); null: the default, 1. */
  retryAfter: number | null;
  /** Seed of the rule's own generator. */
  seed: number;
}

/** Why a rule was refused: the field and what it must be. */
export interface RuleProblem {
  field: string;
  message: string;
}

export type RuleResult = { ok: true; rule: FaultRule } | { ok: false; problem: RuleProblem };

const RULE_FIELDS = [
  'vendor',
  'path',
  'probability',
  'code',
  'delayMs',
  'reset',
  'retryAfter',
  'seed',
] as const;
const MAX_PATH_LENGTH = 2048;
const MAX_SEED = 0xffff_ffff;

/**
 * mulberry32: a tiny, well-distributed 32-bit generator; enough for coin flips, and reproducible.
 * @returns a function yielding numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const BASES = VENDOR_DESCRIPTORS.map((d) => ({ name: d.name as VendorName, base: d.basePath.toLowerCase() }));

/**
 * Whether glob `path` can match some request path under `base` (`/autozod`, or `/autozod/…`).
 * Only the literal part before the first `*` decides; compared case-insensitively, because the
 * vendors' base paths are routed case-insensitively and a refusal must never be wrong.
 */
export function canMatchUnder(path: string, base: string): boolean {
  const star = path.indexOf('*');
  const literal = (star < 0 ? path : path.slice(0, star)).toLowerCase();
  if (literal === base || literal.startsWith(`${base}/`)) return true;
  // `/auto*` or `/*`: the star may still supply the rest of the base.
  return star >= 0 && `${base}/`.startsWith(literal);
}

/** Why `path` can never match (for `vendor`, or for any vendor when null), or null when it can. */
function unreachable(path: string, vendor: VendorName | null): string | null {
  const bases = vendor === null ? BASES : BASES.filter((b) => b.name === vendor);
  if (bases.some((b) => canMatchUnder(path, b.base))) return null;
  const shown = JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path);
  if (vendor !== null) {
    const { base } = bases[0]!;
    return `path ${shown} can never match ${vendor}: a rule's path is the full request path, and ${vendor}'s start with "${base}" (e.g. "${base}${path.startsWith('/') ? path : `/${path}`}")`;
  }
  return `path ${shown} can never match a vendor request: a rule's path is the full request path, starting with one of ${BASES.map((b) => `"${b.base}"`).join(', ')}`;
}

/**
 * Checks a rule body as POSTed and normalises it; never throws.
 * @param id the id to give the rule
 * @param defaultSeed the seed used when the body names none
 */
export function validateRule(body: unknown, id: string, defaultSeed: number): RuleResult {
  const fail = (field: string, message: string): RuleResult => ({ ok: false, problem: { field, message } });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('body', 'the body must be a JSON object such as {"probability":0.1,"code":503}');
  }
  const input = body as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(RULE_FIELDS as readonly string[]).includes(key)) {
      return fail(key, `unknown field ${JSON.stringify(key)}; a rule has ${RULE_FIELDS.join(', ')}`);
    }
  }

  const { vendor, path, probability, code, delayMs, reset, retryAfter, seed } = input;
  if (vendor !== undefined && vendor !== null && !(VENDORS as readonly unknown[]).includes(vendor)) {
    return fail('vendor', `vendor must be one of ${VENDORS.join(', ')}`);
  }
  if (
    path !== undefined &&
    path !== null &&
    (typeof path !== 'string' || !path.startsWith('/') || path.length > MAX_PATH_LENGTH)
  ) {
    return fail(
      'path',
      `path must be a request path starting with "/" (at most ${MAX_PATH_LENGTH} characters)`,
    );
  }
  if (typeof path === 'string') {
    const problem = unreachable(path, (vendor ?? null) as VendorName | null);
    if (problem !== null) return fail('path', problem);
  }
  if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
    return fail('probability', 'probability must be a number from 0 to 1');
  }
  if (code !== undefined && !(isInteger(code) && code >= MIN_FAULT_CODE && code <= MAX_FAULT_CODE)) {
    return fail('code', `code must be an HTTP error status from ${MIN_FAULT_CODE} to ${MAX_FAULT_CODE}`);
  }
  if (delayMs !== undefined && !(isInteger(delayMs) && delayMs >= 0 && delayMs <= MAX_DELAY_MS)) {
    return fail('delayMs', `delayMs must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
  }
  if (reset !== undefined && reset !== true && reset !== false) {
    return fail('reset', 'reset must be true or false');
  }
  if (seed !== undefined && !(isInteger(seed) && seed >= 0 && seed <= MAX_SEED)) {
    return fail('seed', `seed must be an integer from 0 to ${MAX_SEED}`);
  }
  if (code === undefined && delayMs === undefined && reset !== true) {
    return fail('code', 'a rule needs code, delayMs or reset: true');
  }
  if (code !== undefined && reset === true) {
    return fail('reset', 'reset drops the connection, so it cannot be combined with code');
  }
  if (retryAfter !== undefined && retryAfter !== null) {
    if (!(isInteger(retryAfter) && retryAfter >= 0 && retryAfter <= MAX_RETRY_AFTER_S)) {
      return fail(
        'retryAfter',
        `retryAfter must be a whole number of seconds from 0 to ${MAX_RETRY_AFTER_S}`,
      );
    }
    if (!RETRY_AFTER_CODES.includes(code as number)) {
      return fail('retryAfter', 'retryAfter needs code 429 or 503 (only those carry Retry-After)');
    }
  }
  return {
    ok: true,
    rule: {
      id,
      vendor: (vendor ?? null) as VendorName | null,
      path: (path ?? null) as string | null,
      probability,
      code: (code ?? null) as number | null,
      delayMs: (delayMs ?? null) as number | null,
      reset: reset === true,
      retryAfter: (retryAfter ?? null) as number | null,
      seed: (seed ?? defaultSeed) as number,
    },
  };
}

/**
 * Whether `path` matches `glob`, where `*` matches any run of characters and everything else
 * matches literally. Greedy, backtracking only to the last `*`: at worst O(path × glob). A glob
 * turned into a regular expression (`^.*a.*a.*b$`) backtracks exponentially on a path such as
 * `/aaaa…` — one rule and one long request path would stall the whole server.
 * @example globMatch('/enneo/*', '/enneo/api/mind/export/reporting_worklog') // true
 */
export function globMatch(glob: string, path: string): boolean {
  let g = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (p < path.length) {
    if (glob[g] === '*') {
      star = g;
      g += 1;
      resume = p;
    } else if (g < glob.length && glob[g] === path[p]) {
      g += 1;
      p += 1;
    } else if (star >= 0) {
      // Let the last `*` swallow one more character and try the rest of the glob again.
      g = star + 1;
      resume += 1;
      p = resume;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g += 1;
  return g === glob.length;
}

interface ActiveRule {
  rule: FaultRule;
  random: () => number;
}

/** A rule set as plain data (a shared state backend stores it): the rules and the next id's number. */
export interface FaultRulesState {
  nextId: number;
  rules: FaultRule[];
}

/** What a rule that fires does to the request. */
export function faultOf(rule: FaultRule): Fault {
  const fault: Fault = {};
  if (rule.code !== null) fault.code = rule.code;
  if (rule.delayMs !== null) fault.delayMs = rule.delayMs;
  if (rule.reset) fault.reset = true;
  if (rule.retryAfter !== null) fault.retryAfter = rule.retryAfter;
  return fault;
}

/** The live set of fault rules of one app. */
export interface FaultRules {
  /** How many rules are set; with none, a request needs no draw. */
  readonly size: number;
  /** Validates and adds a rule; the result carries the stored rule or the problem. */
  add(body: unknown): RuleResult;
  list(): FaultRule[];
  /** @returns whether a rule with that id existed. */
  remove(id: string): boolean;
  clear(): void;
  /**
   * Draws every rule that matches the request (so each rule's sequence depends only on the
   * requests it matches) and returns the first that fires, with its fault, or null.
   */
  draw(vendor: VendorName, path: string): { ruleId: string; fault: Fault } | null;
  /** The rules and the id counter as plain data. */
  snapshot(): FaultRulesState;
  /** Replaces every rule and the id counter (each rule's generator starts again). */
  restore(state: FaultRulesState): void;
}

/**
 * Creates an empty rule set; rules without their own seed use `defaultSeed`. Ids (`rule-1`,
 * `rule-2`…) never repeat within the set's life, not even after `clear()`: a test that removes
 * `rule-1` by id after a reset must never remove someone else's new rule.
 */
export function createFaultRules(defaultSeed = 0): FaultRules {
  let active: ActiveRule[] = [];
  let nextId = 1;
  return {
    get size() {
      return active.length;
    },
    add(body) {
      const result = validateRule(body, `rule-${nextId}`, defaultSeed);
      if (!result.ok) return result;
      nextId += 1;
      const { rule } = result;
      active.push({
        rule,
        random: seededRandom(rule.seed),
      });
      return result;
    },
    list: () => active.map((a) => ({ ...a.rule })),
    remove(id) {
      const before = active.length;
      active = active.filter((a) => a.rule.id !== id);
      return active.length !== before;
    },
    clear() {
      active = [];
    },
    draw(vendor, path) {
      let fired: FaultRule | null = null;
      for (const { rule, random } of active) {
        if (rule.vendor !== null && rule.vendor !== vendor) continue;
        if (rule.path !== null && !globMatch(rule.path, path)) continue;
        const hit = random() < rule.probability;
        if (hit && fired === null) fired = rule;
      }
      if (fired === null) return null;
      return { ruleId: fired.id, fault: faultOf(fired) };
    },
    snapshot: () => ({ nextId, rules: active.map((a) => ({ ...a.rule })) }),
    restore(state) {
      nextId = state.nextId;
      active = state.rules.map((rule) => ({ rule: { ...rule }, random: seededRandom(rule.seed) }));
    },
  };
}
