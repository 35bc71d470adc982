/**
 * OpenAPI 3.0 Schema Objects → JSON Schema that ajv 8 validates with the same meaning.
 *
 * Why a translation: ajv's own `nullable` support refuses `nullable` without `type` (e.g. beside
 * `allOf`) and does not add `null` to an `enum`, while OpenAPI 3.0 means "null is also fine" in
 * both cases; and OpenAPI 3.0 writes exclusive bounds as booleans (`exclusiveMaximum: true`
 * beside `maximum`), which JSON Schema draft-07 spells as numbers.
 */
import { escapePointerToken } from './problems.ts';

/** A schema the translation cannot accept; `pointer` is relative to the translated schema. */
export class SchemaTranslationError extends Error {
  override readonly name = 'SchemaTranslationError';
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

export type JsonSchema = Record<string, unknown> | boolean;

/** What the translation found beside the schema: extension keywords ajv must be told about. */
export interface Translation {
  schema: JsonSchema;
  extensionKeywords: Set<string>;
  formats: { pointer: string; format: string }[];
}

const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Translates an OpenAPI 3.0 schema (already dereferenced) into ajv's JSON Schema.
 * Throws SchemaTranslationError for a cycle, a leftover `$ref` or an invalid `pattern`.
 */
export function translateSchema(schema: unknown): Translation {
  const extensionKeywords = new Set<string>();
  const formats: { pointer: string; format: string }[] = [];
  const done = new Map<object, JsonSchema>();
  const onPath = new Set<object>();

  const visit = (node: unknown, pointer: string): JsonSchema => {
    if (typeof node === 'boolean') return node;
    if (!isRecord(node)) throw new SchemaTranslationError(pointer, 'a schema must be an object');
    const cached = done.get(node);
    if (cached !== undefined) return cached;
    if (onPath.has(node)) {
      throw new SchemaTranslationError(pointer, 'circular schema: recursive $refs are not supported');
    }
    onPath.add(node);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${escapePointerToken(key)}`;
      if (key === '$ref') {
        throw new SchemaTranslationError(at, `unresolved $ref ${JSON.stringify(value)}`);
      } else if (key === 'properties' && isRecord(value)) {
        const props: Record<string, JsonSchema> = {};
        for (const [name, sub] of Object.entries(value)) {
          props[name] = visit(sub, `${at}/${escapePointerToken(name)}`);
        }
        out.properties = props;
      } else if ((key === 'items' || key === 'not') && isRecord(value)) {
        out[key] = visit(value, at);
      } else if (key === 'additionalProperties' && isRecord(value)) {
        out[key] = visit(value, at);
      } else if ((SCHEMA_ARRAYS as readonly string[]).includes(key) && Array.isArray(value)) {
        out[key] = value.map((sub, i) => visit(sub, `${at}/${i}`));
      } else if (key === 'nullable' || key === 'exclusiveMaximum' || key === 'exclusiveMinimum') {
        // handled below, once every sibling is known
      } else {
        if (key === 'pattern' && typeof value === 'string') checkPattern(value, at);
        if (key === 'format' && typeof value === 'string') formats.push({ pointer: at, format: value });
        if (key.startsWith('x-')) extensionKeywords.add(key);
        out[key] = value;
      }
    }
    translateExclusiveBound(node, out, 'exclusiveMaximum', 'maximum');
    translateExclusiveBound(node, out, 'exclusiveMinimum', 'minimum');
    const result = node.nullable === true ? allowNull(out) : out;
    onPath.delete(node);
    done.set(node, result);
    return result;
  };

  return { schema: visit(schema, ''), extensionKeywords, formats };
}

function checkPattern(pattern: string, pointer: string): void {
  try {
    // ajv compiles patterns with the `u` flag; check the same way so the error has a place
    new RegExp(pattern, 'u');
  } catch (err) {
    throw new SchemaTranslationError(pointer, `invalid pattern: ${(err as Error).message}`);
  }
}

function translateExclusiveBound(
  node: Record<string, unknown>,
  out: Record<string, unknown>,
  exclusive: 'exclusiveMaximum' | 'exclusiveMinimum',
  bound: 'maximum' | 'minimum',
): void {
  const flag = node[exclusive];
  if (typeof flag === 'number') {
    out[exclusive] = flag;
  } else if (flag === true && typeof node[bound] === 'number') {
    out[exclusive] = node[bound];
    delete out[bound];
  }
}

/** OpenAPI 3.0 `nullable: true`: null is accepted in addition to what the schema accepts. */
function allowNull(schema: Record<string, unknown>): JsonSchema {
  const { type } = schema;
  const out = { ...schema };
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof type === 'string') {
    out.type = type === 'null' ? type : [type, 'null'];
    return out;
  }
  if (Array.isArray(type)) {
    out.type = type.includes('null') ? type : [...type, 'null'];
    return out;
  }
  if (Array.isArray(out.enum) && Object.keys(out).every((k) => !isConstraintBesidesEnum(k))) return out;
  // No type to widen (e.g. `nullable` beside `allOf`): null short-cuts, anything else meets the
  // schema. if/then/else rather than anyOf so a non-null failure reports only its own errors.
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, never awaited
  return { if: { type: 'null' }, then: true, else: out };
}

const ANNOTATIONS = new Set([
  'enum',
  'title',
  'description',
  'default',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'externalDocs',
  'xml',
  'discriminator',
]);

function isConstraintBesidesEnum(key: string): boolean {
  return !ANNOTATIONS.has(key) && !key.startsWith('x-');
}
