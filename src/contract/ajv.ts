/**
 * The configured Ajvs contract validators are compiled with, and `compileOpenApiSchema`, the way
 * to compile an OpenAPI 3.0 schema on one of them. `ajv` collects every error (allErrors), for
 * the detail of a value known to be wrong; `firstErrorAjv` stops at the first, for the yes/no
 * answer over a body of any size (allErrors on 10 MB of wrong items exhausts the heap).
 *
 * Strict mode stays on (a misspelt keyword in a contract is an error, not a silently ignored
 * rule); the OpenAPI 3.0 keywords that carry no validation meaning are declared instead, and
 * each `x-*` extension is declared when a schema first uses it.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { registerFormats } from './formats.ts';
import { type JsonSchema, SchemaTranslationError, translateSchema } from './openapi-schema.ts';

/** OpenAPI 3.0 Schema Object keywords that ajv does not know and that only annotate. */
const OPENAPI_ANNOTATIONS = ['example', 'xml', 'externalDocs', 'discriminator'] as const;

/**
 * A fresh Ajv configured like the shared one (for tests or isolated use); `allErrors: false`
 * gives one like `firstErrorAjv`.
 */
export function createAjv(options: { allErrors?: boolean } = {}): Ajv {
  const instance = new Ajv({
    allErrors: options.allErrors ?? true,
    strict: true,
    // nullable becomes a `[type, 'null']` union; strictTypes would reject that
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // OpenAPI 3.0 patterns are ECMA-262; `u` keeps ajv's default semantics
    unicodeRegExp: true,
    // the schemas are ours and trusted; code size is not a concern
    code: { optimize: true },
  });
  registerFormats(instance);
  for (const keyword of OPENAPI_ANNOTATIONS) instance.addKeyword({ keyword });
  return instance;
}

/** The shared Ajv: allErrors, ajv-formats, the custom formats, OpenAPI keywords declared. */
export const ajv: Ajv = createAjv();

/**
 * The shared Ajv without allErrors: stops at the first error, so a wrong body costs no more than
 * a valid one. Validity is the same as with `ajv`; only the errors listed differ.
 */
export const firstErrorAjv: Ajv = createAjv({ allErrors: false });

/** Declares `x-*` extension keywords (annotations only) that `instance` does not know yet. */
export function declareExtensionKeywords(instance: Ajv, keywords: Iterable<string>): void {
  for (const keyword of keywords) {
    if (!instance.RULES.keywords[keyword]) instance.addKeyword({ keyword });
  }
}

/**
 * Compiles an OpenAPI 3.0 schema (dereferenced) into a validator. Throws
 * SchemaTranslationError naming the place, relative to `schema`, for an unknown format, an
 * invalid pattern, a cycle, or anything ajv refuses to compile.
 */
export function compileOpenApiSchema(schema: unknown, instance: Ajv = ajv): ValidateFunction {
  const translation = translateSchema(schema);
  for (const { pointer, format } of translation.formats) {
    if (!instance.formats[format]) throw new SchemaTranslationError(pointer, `unknown format "${format}"`);
  }
  declareExtensionKeywords(instance, translation.extensionKeywords);
  return compileJsonSchema(translation.schema, instance);
}

/** Compiles an already-translated JSON Schema, turning ajv's refusal into a SchemaTranslationError. */
export function compileJsonSchema(schema: JsonSchema, instance: Ajv = ajv): ValidateFunction {
  try {
    return instance.compile(schema);
  } catch (err) {
    throw new SchemaTranslationError('', (err as Error).message);
  }
}
