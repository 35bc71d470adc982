/**
 * What the checks read out of a contract instead of repeating it as literals: whether a rule or a
 * parameter is assumed, a query parameter's bounds, default and documented fallback, and boundary
 * values for generated requests.
 */
import type { Operation } from '../../loader.ts';

/**
 * Whether the operation's rule `id` is assumed. A rule the contract does not list counts as
 * assumed (`fallback`): the suite must not fail a vendor on behaviour nobody wrote down.
 */
export function ruleAssumed(op: Operation, id: string, fallback = true): boolean {
  return op.rules.find((r) => r.id === id)?.assumed ?? fallback;
}

/** A query parameter as its schema states it. */
export interface QueryParam {
  name: string;
  required: boolean;
  type?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  enum?: unknown[];
  /** `x-standin-fallback`: what an invalid value is taken as instead of being refused. */
  fallback?: unknown;
  /** The parameter (or its schema) is `x-standin-assumed`. */
  assumed: boolean;
}

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;

/**
 * The query parameter `name` of `op`.
 * @throws Error naming the operation when it has no such parameter (the contract and the plan disagree).
 */
export function queryParam(op: Operation, name: string): QueryParam {
  const p = op.parameters.find((x) => x.in === 'query' && x.name === name);
  if (!p) throw new Error(`${op.id}: the contract has no query parameter ${name}`);
  const schema = asNode(p.schema) ?? {};
  const out: QueryParam = { name, required: p.required === true, assumed: op.isAssumedParameter(name) };
  if (typeof schema.type === 'string') out.type = schema.type;
  if (typeof schema.minimum === 'number') out.minimum = schema.minimum;
  if (typeof schema.maximum === 'number') out.maximum = schema.maximum;
  if (schema.default !== undefined) out.default = schema.default;
  if (Array.isArray(schema.enum)) out.enum = schema.enum;
  const fallback = (p as unknown as Node)['x-standin-fallback'];
  if (fallback !== undefined) out.fallback = fallback;
  return out;
}

/** A number the contract must state; a clear error when it does not. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the contract does not state ${what}`);
  return value;
}

/**
 * Boundary values of every query parameter for generated requests: the bounds and their
 * neighbours, each enum value and a near miss, examples, and values no parameter accepts.
 * `extra` adds values per name (ids only the run knows).
 */
export function boundaryValues(
  op: Operation,
  extra: Record<string, string[]> = {},
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of op.parameters) {
    if (p.in !== 'query') continue;
    const schema = asNode(p.schema) ?? {};
    const values = new Set<string>(['', 'abc', '-1', '1.5', '1e3', '99999999999999999999']);
    for (const bound of [schema.minimum, schema.maximum]) {
      if (typeof bound === 'number') for (const v of [bound - 1, bound, bound + 1]) values.add(String(v));
    }
    if (Array.isArray(schema.enum)) {
      for (const v of schema.enum.slice(0, 4)) {
        values.add(String(v));
        values.add(String(v).toUpperCase());
      }
    }
    if (p.example !== undefined) values.add(String(p.example));
    if (schema.example !== undefined) values.add(String(schema.example));
    for (const v of extra[p.name] ?? []) values.add(v);
    out[p.name] = [...values];
  }
  return out;
}
