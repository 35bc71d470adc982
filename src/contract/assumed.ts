/**
 * `x-standin-assumed: true` marks what the vendor's doc does not state. These helpers answer
 * "is this place assumed?" for a response body location, so the contract suite can report a
 * mismatch there as a warning (or, with --strict, as a failure).
 */
import { pointerTokens } from './problems.ts';

/** The extension that marks assumed behaviour (contracts/README.md). */
export const ASSUMED = 'x-standin-assumed';

/** True when `node` carries `x-standin-assumed: true`. */
export function isAssumed(node: unknown): boolean {
  return node !== null && typeof node === 'object' && (node as Record<string, unknown>)[ASSUMED] === true;
}

type SchemaNode = Record<string, unknown>;

function asSchema(value: unknown): SchemaNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as SchemaNode)
    : undefined;
}

/** The schema and every schema it combines with (allOf/anyOf/oneOf), depth first. */
function withCombined(schema: SchemaNode, into: SchemaNode[]): void {
  if (into.includes(schema)) return;
  into.push(schema);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      const s = asSchema(sub);
      if (s) withCombined(s, into);
    }
  }
}

/** The subschemas that describe member `token` of a value described by `schema`. */
function childSchemas(schema: SchemaNode, token: string): SchemaNode[] {
  const found: SchemaNode[] = [];
  const props = asSchema(schema.properties);
  const prop = props && Object.hasOwn(props, token) ? asSchema(props[token]) : undefined;
  if (prop) found.push(prop);
  const items = asSchema(schema.items);
  if (items && /^(0|[1-9]\d*)$/.test(token)) found.push(items);
  const extra = asSchema(schema.additionalProperties);
  if (extra && !prop) found.push(extra);
  return found;
}

/**
 * A predicate over JSON pointers into a body validated by `schema`: true when the schema, or any
 * schema on the way from the root to that location, carries `x-standin-assumed: true` (an
 * assumed object makes everything inside it assumed). `everything` short-cuts to true, for a
 * whole response or media type marked assumed. A location the schema does not describe (an
 * extra property) is assumed only when an ancestor is.
 *
 * @example
 *   const assumed = assumedPredicate(itemsArraySchema);
 *   assumed('/0/duration') // true when the duration property (or the row) is marked assumed
 */
export function assumedPredicate(schema: unknown, everything = false): (pointer: string) => boolean {
  const root = asSchema(schema);
  if (everything) return () => true;
  if (!root) return () => false;
  return (pointer: string) => {
    let level: SchemaNode[] = [root];
    const tokens = pointerTokens(pointer);
    for (let depth = 0; ; depth++) {
      const expanded: SchemaNode[] = [];
      for (const s of level) withCombined(s, expanded);
      if (expanded.some(isAssumed)) return true;
      const token = tokens[depth];
      if (token === undefined) return false;
      level = expanded.flatMap((s) => childSchemas(s, token));
      if (level.length === 0) return false;
    }
  };
}
