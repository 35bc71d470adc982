/**
 * One operation of a contract (`GET /ticket/{ticketId}/worklog`): its parameters, rules,
 * documented responses and examples, with every validator compiled once when the contract loads.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { isAssumed } from './assumed.ts';
import { boundedProblems } from './bounded-validator.ts';
import { compileParameters, type ParameterInput, type ParameterValidator } from './parameters.ts';
import { escapePointerToken, makeProblem, type Problem, pointerTokens } from './problems.ts';
import {
  buildResponses,
  compilerFor,
  type Fail,
  findMedia,
  findResponse,
  type ResponseEntry,
} from './responses.ts';

/** One entry of an operation's `x-standin-rules`: behaviour a schema cannot express. */
export interface OperationRule {
  id: string;
  rule: string;
  /** True when the vendor's doc does not state it (`assumed: true` or `x-standin-assumed: true`). */
  assumed: boolean;
  /** The vendor's words, when the rule is documented. */
  doc?: string;
}

/** An example body from the contract. */
export interface OperationExample {
  status: string;
  mediaType: string;
  /** The key under `examples`, `example` for a media type's single example, `schema` for the schema's. */
  name: string;
  value: unknown;
  /** `x-standin-example-invalid: true`: the vendor's example breaks the contract on purpose. */
  invalid: boolean;
  /** `x-standin-assumed: true` on the example, its media type or its response: not the vendor's own. */
  assumed: boolean;
}

/** One operation, ready to validate requests' parameters and responses' bodies. */
export interface Operation {
  /** operationId, or `METHOD /path` when the contract gives none. */
  id: string;
  /** Lower-case HTTP method. */
  method: string;
  /** Path template, e.g. `/ticket/{ticketId}/worklog`. */
  path: string;
  /** JSON pointer of the operation in the document, e.g. `/paths/~1stats~1user-statuses/get`. */
  pointer: string;
  /** The operation object as the (dereferenced) document has it. */
  definition: OpenAPIV3.OperationObject;
  /** Path-level and operation-level parameters, the operation's winning on a name clash. */
  parameters: OpenAPIV3.ParameterObject[];
  rules: OperationRule[];
  /** Every `x-*` member of the operation object (x-standin-privacy, x-standin-rules, ...). */
  extensions: Record<string, unknown>;
  /** Documented status keys as written (`200`, `400`, `4XX`, `default`), in document order. */
  statuses(): string[];
  /** True when the response documented for `status` is `x-standin-assumed`; false when none is. */
  isAssumedStatus(status: number | string): boolean;
  /** The media types documented for `status`, as written; [] when the status is not documented. */
  mediaTypes(status: number | string): string[];
  /**
   * Problems of a whole body; [] when valid. An undocumented status or media type is one Problem.
   * The cost is bounded whatever the body's size: at most 100 Problems, the detail of a large
   * body taken from its first failing items, and then a last Problem of rule `truncated` saying
   * what was left out (bounded-validator.ts).
   */
  validateResponse(status: number | string, mediaType: string, body: unknown): Problem[];
  /**
   * Problems of one item of an array body (a csv/xlsx row, a fixture record), checked against the
   * array's `items` schema; pointers start with `/<index>` when `index` is given. Bounded like
   * validateResponse.
   */
  validateItem(status: number | string, mediaType: string, item: unknown, index?: number): Problem[];
  /**
   * Problems of a request's parameters (one compiled validator per operation). Strings are
   * coerced to the declared types first; header names are matched case-insensitively. Pointers
   * are `/<location>/<name>`, e.g. `/query/limit`.
   */
  validateParameters(input: ParameterInput): Problem[];
  /**
   * Whether a problem's pointer (into a body of this status and media type, as validateResponse
   * and validateItem report them) lies in an `x-standin-assumed` place: the response or media
   * type is assumed, or a schema on the way to that location is. Always false for an
   * undocumented status or media type.
   */
  assumedPointers(status: number | string, mediaType: string): (pointer: string) => boolean;
  /** Whether a parameter problem's pointer (`/query/limit`) or a bare name names an assumed parameter. */
  isAssumedParameter(pointerOrName: string): boolean;
  /** Every response example of the operation. */
  examples(): OperationExample[];
}

const EXAMPLE_INVALID = 'x-standin-example-invalid';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** What buildOperation needs about where the operation sits. */
export interface OperationSource {
  method: string;
  path: string;
  pathItem: OpenAPIV3.PathItemObject;
  definition: OpenAPIV3.OperationObject;
  fail: Fail;
}

/** Builds an operation and compiles its validators; calls `fail` for anything that cannot compile. */
export function buildOperation(source: OperationSource): Operation {
  const { method, path, pathItem, definition, fail } = source;
  const pathAt = `/paths/${escapePointerToken(path)}`;
  const pointer = `${pathAt}/${method}`;
  const { parameters, pointers: paramPointers } = mergeParameters(pathItem, definition, pathAt, pointer);
  const compile = compilerFor(fail);
  const responses = buildResponses(definition.responses ?? {}, pointer, compile);

  const parameterValidator = compileParameterSet(parameters, paramPointers, pointer, fail);

  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) if (key.startsWith('x-')) extensions[key] = value;

  const undocumentedStatus = (status: number | string) =>
    makeProblem(
      '',
      'status',
      `one of the documented statuses ${[...responses.keys()].join(', ')}`,
      String(status),
    );
  const undocumentedMedia = (entry: ResponseEntry, mediaType: string) =>
    makeProblem(
      '',
      'mediaType',
      entry.media.size ? `one of ${[...entry.media.values()].map((m) => m.mediaType).join(', ')}` : 'no body',
      JSON.stringify(mediaType),
    );

  return {
    id: definition.operationId ?? `${method.toUpperCase()} ${path}`,
    method,
    path,
    pointer,
    definition,
    parameters,
    rules: readRules(definition, pointer, fail),
    extensions,
    statuses: () => [...responses.keys()],
    isAssumedStatus: (status) => isAssumed(findResponse(responses, status)?.object),
    mediaTypes: (status) =>
      [...(findResponse(responses, status)?.media.values() ?? [])].map((m) => m.mediaType),
    validateResponse(status, mediaType, body) {
      const entry = findResponse(responses, status);
      if (!entry) return [undocumentedStatus(status)];
      const media = findMedia(entry, mediaType);
      if (!media) return [undocumentedMedia(entry, mediaType)];
      return media.validate ? boundedProblems(media.validate, body) : [];
    },
    validateItem(status, mediaType, item, index) {
      const base = index === undefined ? '' : `/${index}`;
      const entry = findResponse(responses, status);
      if (!entry) return [undocumentedStatus(status)];
      const media = findMedia(entry, mediaType);
      if (!media) return [undocumentedMedia(entry, mediaType)];
      if (!media.validateItem) {
        const kind = typeof media.schema?.type === 'string' ? media.schema.type : 'no';
        return [makeProblem(base, 'items', 'an array schema for this response', `${kind} schema`)];
      }
      return boundedProblems(media.validateItem, item, base);
    },
    validateParameters: (input) => parameterValidator.validate(input),
    assumedPointers(status, mediaType) {
      const entry = findResponse(responses, status);
      const media = entry && findMedia(entry, mediaType);
      return media ? media.assumed() : () => false;
    },
    isAssumedParameter: (pointerOrName) => parameterValidator.isAssumed(pointerOrName),
    examples: () => collectExamples(responses),
  };
}

function mergeParameters(
  pathItem: OpenAPIV3.PathItemObject,
  definition: OpenAPIV3.OperationObject,
  pathAt: string,
  pointer: string,
): { parameters: OpenAPIV3.ParameterObject[]; pointers: string[] } {
  const merged = new Map<string, { param: OpenAPIV3.ParameterObject; at: string }>();
  const add = (list: unknown[] | undefined, at: string) =>
    (list ?? []).forEach((p, i) => {
      const param = p as OpenAPIV3.ParameterObject;
      merged.set(`${param.in}\u0000${param.name}`, { param, at: `${at}/parameters/${i}` });
    });
  add(pathItem.parameters, pathAt);
  add(definition.parameters, pointer);
  const values = [...merged.values()];
  return { parameters: values.map((v) => v.param), pointers: values.map((v) => v.at) };
}

function compileParameterSet(
  parameters: OpenAPIV3.ParameterObject[],
  pointers: string[],
  pointer: string,
  fail: Fail,
): ParameterValidator {
  try {
    return compileParameters(parameters);
  } catch (err) {
    const relative = (err as { pointer?: unknown }).pointer;
    const at = parameterPointer(typeof relative === 'string' ? relative : '', parameters, pointers, pointer);
    return fail(at, (err as Error).message, err);
  }
}

/** Maps a pointer into the synthetic parameter-set schema back to the parameter in the document. */
function parameterPointer(
  relative: string,
  parameters: OpenAPIV3.ParameterObject[],
  pointers: string[],
  fallback: string,
): string {
  const [, location, , name, ...rest] = pointerTokens(relative);
  const index = parameters.findIndex(
    (p) => p.in === location && p.name.toLowerCase() === name?.toLowerCase(),
  );
  const param = parameters[index];
  if (!param) return fallback;
  const via = param.schema
    ? '/schema'
    : `/content/${escapePointerToken(Object.keys(param.content ?? {})[0] ?? '')}/schema`;
  return `${pointers[index]}${via}${rest.map((t) => `/${escapePointerToken(t)}`).join('')}`;
}

function readRules(definition: OpenAPIV3.OperationObject, pointer: string, fail: Fail): OperationRule[] {
  const raw = (definition as Record<string, unknown>)['x-standin-rules'];
  if (raw === undefined) return [];
  const at = `${pointer}/x-standin-rules`;
  if (!Array.isArray(raw)) return fail(at, 'x-standin-rules must be a list of { id, rule, assumed, doc? }');
  return raw.map((entry, i) => {
    const r = asRecord(entry);
    if (!r || typeof r.id !== 'string' || typeof r.rule !== 'string') {
      return fail(`${at}/${i}`, 'each x-standin-rules entry needs a string id and a string rule');
    }
    if (r.assumed !== undefined && typeof r.assumed !== 'boolean') {
      return fail(`${at}/${i}/assumed`, 'assumed must be true or false');
    }
    if (r.doc !== undefined && typeof r.doc !== 'string')
      return fail(`${at}/${i}/doc`, 'doc must be a string');
    const rule: OperationRule = { id: r.id, rule: r.rule, assumed: r.assumed === true || isAssumed(r) };
    if (typeof r.doc === 'string') rule.doc = r.doc;
    return rule;
  });
}

function collectExamples(responses: Map<string, ResponseEntry>): OperationExample[] {
  const found: OperationExample[] = [];
  for (const entry of responses.values()) {
    for (const media of entry.media.values()) {
      const object = media.object as Record<string, unknown>;
      const inherited = isAssumed(entry.object) || isAssumed(object);
      const add = (name: string, holder: Record<string, unknown>, value: unknown) =>
        found.push({
          status: entry.status,
          mediaType: media.mediaType,
          name,
          value,
          invalid: holder[EXAMPLE_INVALID] === true,
          assumed: inherited || isAssumed(holder),
        });
      if (object.example !== undefined) add('example', object, object.example);
      for (const [name, example] of Object.entries(asRecord(object.examples) ?? {})) {
        const ex = asRecord(example) ?? {};
        // externalValue examples are not fetched
        if ('value' in ex) add(name, ex, ex.value);
      }
      if (media.schema?.example !== undefined) add('schema', media.schema, media.schema.example);
    }
  }
  return found;
}
