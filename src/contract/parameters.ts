/**
 * An operation's parameters as one validator: the request's query, path, header and cookie
 * values arrive as strings (or string arrays) and are coerced to the declared types first, so
 * `limit=10` meets `type: integer` while `limit=ten` reports a type problem quoting "ten".
 */
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { compileOpenApiSchema } from './ajv.ts';
import { ASSUMED, isAssumed } from './assumed.ts';
import { convertAjvErrors, type Problem, pointerTokens } from './problems.ts';

/** Values of one request, by parameter location; each map is read, never changed. */
export interface ParameterInput {
  query?: Record<string, unknown>;
  path?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
}

const LOCATIONS = ['query', 'path', 'header', 'cookie'] as const;
type Location = (typeof LOCATIONS)[number];

/** The schema of a parameter: its `schema`, or the first `content` entry's schema. */
export function parameterSchema(param: OpenAPIV3.ParameterObject): Record<string, unknown> {
  const direct = param.schema as Record<string, unknown> | undefined;
  if (direct) return direct;
  const first = Object.values(param.content ?? {})[0];
  return (first?.schema as Record<string, unknown> | undefined) ?? {};
}

/** Header names are case-insensitive: the validator keys headers in lower case. */
function keyFor(location: Location, name: string): string {
  return location === 'header' ? name.toLowerCase() : name;
}

/**
 * One object schema over `{ query, path, header, cookie }`, each with its parameters as
 * properties and the required ones listed. The OpenAPI parameter schemas go in untranslated;
 * `compileOpenApiSchema` translates the whole.
 */
function parameterSetSchema(parameters: OpenAPIV3.ParameterObject[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const location of LOCATIONS) {
    const own = parameters.filter((p) => p.in === location);
    if (own.length === 0) continue;
    const props: Record<string, unknown> = {};
    const required: string[] = [];
    for (const p of own) {
      props[keyFor(location, p.name)] = parameterSchema(p);
      if (p.required) required.push(keyFor(location, p.name));
    }
    properties[location] = { type: 'object', properties: props, ...(required.length ? { required } : {}) };
  }
  return { type: 'object', properties };
}

function schemaType(schema: Record<string, unknown>): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const sub of list) {
        const t = sub && typeof sub === 'object' ? schemaType(sub as Record<string, unknown>) : undefined;
        if (t) return t;
      }
    }
  }
  return undefined;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Coerces a string to the scalar type a schema declares; anything else is left for ajv to report. */
function coerceScalar(value: unknown, schema: Record<string, unknown>): unknown {
  if (typeof value !== 'string') return value;
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return NUMBER.test(value) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/**
 * Coerces one raw parameter value: a scalar for an array parameter becomes a one-item array
 * (`userIds[]=a` parsed without brackets), split on commas when the parameter is `explode: false`.
 */
function coerceParameter(value: unknown, param: OpenAPIV3.ParameterObject): unknown {
  const schema = parameterSchema(param);
  if (schemaType(schema) === 'array') {
    const items = (schema.items as Record<string, unknown> | undefined) ?? {};
    let list: unknown[];
    if (Array.isArray(value)) list = value;
    else if (typeof value === 'string' && param.explode === false) list = value.split(',');
    else list = [value];
    return list.map((v) => coerceScalar(v, items));
  }
  // a repeated scalar stays an array so ajv reports `type` quoting both values
  return Array.isArray(value) && value.length !== 1
    ? value
    : coerceScalar(Array.isArray(value) ? value[0] : value, schema);
}

/** A compiled validator over an operation's parameters. */
export interface ParameterValidator {
  validate(input: ParameterInput): Problem[];
  /**
   * True when the parameter (or its schema, or a schema inside it) that a problem pointer like
   * `/query/limit` names is `x-standin-assumed`; a bare name (`limit`) is looked up in any location.
   */
  isAssumed(pointerOrName: string): boolean;
}

/** Compiles the parameter set once. Throws SchemaTranslationError (pointer relative to the set). */
export function compileParameters(parameters: OpenAPIV3.ParameterObject[]): ParameterValidator {
  const validator: ValidateFunction = compileOpenApiSchema(parameterSetSchema(parameters));
  const byKey = new Map<string, OpenAPIV3.ParameterObject>();
  for (const p of parameters) byKey.set(`${p.in}\u0000${keyFor(p.in as Location, p.name)}`, p);

  const validate = (input: ParameterInput): Problem[] => {
    // every location is present, possibly empty, so a required parameter is reported missing
    // even when the caller passed nothing for its location
    const data: Record<string, Record<string, unknown>> = {};
    for (const location of LOCATIONS) {
      const values: Record<string, unknown> = {};
      for (const [rawName, value] of Object.entries(input[location] ?? {})) {
        if (value === undefined) continue;
        const name = keyFor(location, rawName);
        const param = byKey.get(`${location}\u0000${name}`);
        values[name] = param ? coerceParameter(value, param) : value;
      }
      data[location] = values;
    }
    return validator(data) ? [] : convertAjvErrors(validator.errors, data);
  };

  const isParamAssumed = (pointerOrName: string): boolean => {
    const tokens = pointerOrName.startsWith('/') ? pointerTokens(pointerOrName) : [undefined, pointerOrName];
    const [location, name] = tokens;
    const candidates = parameters.filter(
      (p) =>
        name !== undefined &&
        keyFor(p.in as Location, p.name) === keyFor(p.in as Location, name) &&
        (location === undefined || p.in === location),
    );
    return candidates.some((p) => isAssumed(p) || schemaMentionsAssumed(parameterSchema(p)));
  };

  return { validate, isAssumed: isParamAssumed };
}

/** Parameter schemas are small; an assumption anywhere inside makes the parameter's rule assumed. */
function schemaMentionsAssumed(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  if ((schema as Record<string, unknown>)[ASSUMED] === true) return true;
  return Object.values(schema as Record<string, unknown>).some(schemaMentionsAssumed);
}
