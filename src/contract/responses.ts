/**
 * An operation's documented responses: status and media type lookup (as a server answers them:
 * `200` may be documented as `2XX` or `default`, `application/json; charset=utf-8` is
 * `application/json`), and the compiled validators per status × media type (bounded: see
 * bounded-validator.ts).
 */
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { compileOpenApiSchema, firstErrorAjv } from './ajv.ts';
import { assumedPredicate, isAssumed } from './assumed.ts';
import { type BoundedValidator, boundedValidator } from './bounded-validator.ts';
import { escapePointerToken } from './problems.ts';

/** One media type of one documented response, with its validators compiled. */
export interface MediaEntry {
  mediaType: string;
  object: OpenAPIV3.MediaTypeObject;
  schema: Record<string, unknown> | undefined;
  /** Validates a whole body; undefined when the media type has no schema (anything goes). */
  validate: BoundedValidator | undefined;
  /** Validates one item of an array body; undefined when the schema is not an array. */
  validateItem: BoundedValidator | undefined;
  /** Tells whether a body location is x-standin-assumed (built on first use). */
  assumed(): (pointer: string) => boolean;
}

/** One documented response (status key as written: `200`, `4XX`, `default`). */
export interface ResponseEntry {
  status: string;
  object: OpenAPIV3.ResponseObject;
  media: Map<string, MediaEntry>;
}

/** Reports a schema that cannot be compiled at `pointer` (into the document); never returns. */
export type Fail = (pointer: string, reason: string, cause?: unknown) => never;

/** Lowercase type/subtype without parameters. */
export function normalizeMediaType(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Compiles every response's validators. `pointer` is the operation's place in the document. */
export function buildResponses(
  responses: OpenAPIV3.ResponsesObject,
  pointer: string,
  compile: (schema: unknown, at: string) => ValidateFunction,
): Map<string, ResponseEntry> {
  const entries = new Map<string, ResponseEntry>();
  for (const [status, value] of Object.entries(responses)) {
    const object = value as OpenAPIV3.ResponseObject;
    const media = new Map<string, MediaEntry>();
    const responseAt = `${pointer}/responses/${escapePointerToken(status)}`;
    for (const [mediaType, mediaObject] of Object.entries(object.content ?? {})) {
      const at = `${responseAt}/content/${escapePointerToken(mediaType)}/schema`;
      const schema = asRecord(mediaObject.schema);
      const items = schema?.type === 'array' ? asRecord(schema.items) : undefined;
      const everything = isAssumed(object) || isAssumed(mediaObject);
      let predicate: ((pointer: string) => boolean) | undefined;
      const check = schema ? compile(schema, at) : undefined;
      const checkItem = items ? compile(items, `${at}/items`) : undefined;
      media.set(normalizeMediaType(mediaType), {
        mediaType,
        object: mediaObject,
        schema,
        validate: schema && check ? boundedValidator(schema, check, checkItem) : undefined,
        validateItem: items && checkItem ? boundedValidator(items, checkItem) : undefined,
        assumed: () => {
          predicate ??= assumedPredicate(schema, everything);
          return predicate;
        },
      });
    }
    entries.set(status, { status, object, media });
  }
  return entries;
}

/** The documented response for a status: exact code, then `2XX`-style range, then `default`. */
export function findResponse(
  entries: Map<string, ResponseEntry>,
  status: number | string,
): ResponseEntry | undefined {
  const code = String(status);
  return (
    entries.get(code) ?? entries.get(`${code[0]}XX`) ?? entries.get(`${code[0]}xx`) ?? entries.get('default')
  );
}

/** The documented media type for a Content-Type: exact, then `type/*`, then `*\/*`. */
export function findMedia(entry: ResponseEntry, mediaType: string): MediaEntry | undefined {
  const wanted = normalizeMediaType(mediaType);
  return entry.media.get(wanted) ?? entry.media.get(`${wanted.split('/')[0]}/*`) ?? entry.media.get('*/*');
}

/**
 * Compiles with the shared first-error Ajv (the allErrors validator of the detail pass is
 * compiled when a value first fails); the caller's `fail` turns errors into a located load error.
 */
export function compilerFor(fail: Fail): (schema: unknown, at: string) => ValidateFunction {
  return (schema, at) => {
    try {
      return compileOpenApiSchema(schema, firstErrorAjv);
    } catch (err) {
      const relative = (err as { pointer?: unknown }).pointer;
      return fail(`${at}${typeof relative === 'string' ? relative : ''}`, (err as Error).message, err);
    }
  };
}
