/**
 * Stubs (`POST /__standin/stubs`): a canned answer for the vendor requests that match, WireMock's
 * model. This file is the stub's shape and its validation; matching and state live in
 * stubs-store.ts. A stub is plain JSON-able data so that a shared state backend can hold it.
 */

import { isVendorName, VENDOR_DESCRIPTORS, VENDORS, type VendorName } from './registry.ts';
import { conditionProblem, type ValueCondition } from './stubs-match.ts';

/** The answer a stub gives: a JSON `body` (a string is sent as text) or raw bytes as `bodyBase64`. */
export interface StubResponseInput {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  bodyBase64?: string;
}

/** A stub as `POST /__standin/stubs` takes it. */
export interface StubInput {
  vendor: VendorName;
  /** Any method when absent. */
  method?: string;
  /** Relative to the vendor's base path (`/stats/user-statuses`); `*` matches any run of characters. */
  path: string;
  query?: Record<string, ValueCondition>;
  headers?: Record<string, ValueCondition>;
  response: StubResponseInput;
  /** How many answers it gives; unlimited when absent. */
  times?: number;
  /** 1 is the highest; default 5 (as WireMock). Ties: the newest stub wins. */
  priority?: number;
  scenario?: string;
  requiredState?: string;
  newState?: string;
}

/** A stub as the controls list it; absent parts are null. */
export interface Stub {
  id: string;
  vendor: VendorName;
  method: string | null;
  path: string;
  query: Record<string, ValueCondition>;
  headers: Record<string, ValueCondition>;
  response: { status: number; headers: Record<string, string>; body?: unknown; bodyBase64?: string };
  times: number | null;
  priority: number;
  scenario: string | null;
  requiredState: string | null;
  newState: string | null;
  /** How many requests it has answered. */
  answered: number;
}

export const DEFAULT_PRIORITY = 5;
export const MAX_PRIORITY = 1000;
const MAX_TIMES = 1_000_000_000;
const MAX_PATH_LENGTH = 2048;
const MAX_NAME_LENGTH = 200;
const MAX_CONDITIONS = 50;
const STUB_FIELDS = [
  'vendor',
  'method',
  'path',
  'query',
  'headers',
  'response',
  'times',
  'priority',
  'scenario',
  'requiredState',
  'newState',
] as const;
const RESPONSE_FIELDS = ['status', 'headers', 'body', 'bodyBase64'] as const;
const METHOD = /^[A-Z]{1,20}$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$/;
const HEADER_VALUE = /^[\t\x20-\x7e]{0,8192}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Set by the server from the body it sends; a stub cannot set them. */
const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection'];

/** A refused field: which and why. */
export interface StubProblem {
  field: string;
  message: string;
}

/** The controls' own path: a stub path under it never reaches a vendor. */
const CONTROLS_PATH_PREFIX = '/__standin';

/** A problem found while normalising, told apart from normalised data by its class. */
class Refusal implements StubProblem {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

export type StubResult = { ok: true; stub: Stub } | { ok: false; problem: StubProblem };

const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a relative stub path can never match its vendor, or null. Written with the vendor's base
 * (`/autozod/api/…`) it would only match `/autozod/autozod/api/…`; another vendor's base or the
 * controls' path never reach this vendor.
 */
export function stubPathProblem(vendor: VendorName, path: string): string | null {
  const base = VENDOR_DESCRIPTORS.find((d) => d.name === vendor)!.basePath;
  const relative = `path is relative to ${vendor}'s base path ${base}, e.g. "/stats/user-statuses" for ${base}/stats/user-statuses`;
  if (!path.startsWith('/')) return `path must start with "/"; ${relative}`;
  if (path.includes('?') || path.includes('#'))
    return `path must not hold a query or fragment (match the query with "query"); ${relative}`;
  const lower = path.toLowerCase();
  for (const prefix of [...VENDOR_DESCRIPTORS.map((d) => d.basePath.toLowerCase()), CONTROLS_PATH_PREFIX]) {
    if (lower === prefix || lower.startsWith(`${prefix}/`)) {
      return `path must not start with ${prefix}: ${relative}`;
    }
  }
  return null;
}

function conditions(field: string, value: unknown): Refusal | Record<string, ValueCondition> {
  if (value === undefined) return {};
  if (!isObject(value))
    return new Refusal(field, `${field} must be an object of name → value or {"matches": "<regex>"}`);
  const entries = Object.entries(value);
  if (entries.length > MAX_CONDITIONS)
    return new Refusal(field, `${field} has at most ${MAX_CONDITIONS} entries`);
  const out: Record<string, ValueCondition> = {};
  for (const [name, condition] of entries) {
    const key = field === 'headers' ? name.toLowerCase() : name;
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
      return new Refusal(
        `${field}.${name.slice(0, 50)}`,
        `a ${field} name has 1 to ${MAX_NAME_LENGTH} characters`,
      );
    }
    const problem = conditionProblem(condition);
    if (problem !== null) return new Refusal(`${field}.${name}`, `${field}.${name} ${problem}`);
    Object.defineProperty(out, key, {
      value: condition,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function responseOf(value: unknown): Refusal | Stub['response'] {
  const example = '{"status":200,"body":{...}}';
  if (!isObject(value)) return new Refusal('response', `response must be an object such as ${example}`);
  for (const key of Object.keys(value)) {
    if (!(RESPONSE_FIELDS as readonly string[]).includes(key)) {
      return new Refusal(
        `response.${key}`,
        `unknown field ${JSON.stringify(key)}; a response has ${RESPONSE_FIELDS.join(', ')}`,
      );
    }
  }
  const { status, headers, body, bodyBase64 } = value;
  if (!(isInteger(status) && status >= 200 && status <= 599)) {
    return new Refusal('response.status', 'response.status must be an HTTP status from 200 to 599');
  }
  if (body !== undefined && bodyBase64 !== undefined) {
    return new Refusal('response.bodyBase64', 'give response.body or response.bodyBase64, not both');
  }
  if (bodyBase64 !== undefined && (typeof bodyBase64 !== 'string' || !BASE64.test(bodyBase64))) {
    return new Refusal('response.bodyBase64', 'response.bodyBase64 must be padded base64 text');
  }
  if ((status === 204 || status === 304) && (body !== undefined || bodyBase64 !== undefined)) {
    return new Refusal('response.body', `a ${status} answer has no body`);
  }
  const out: Stub['response'] = { status, headers: {} };
  if (headers !== undefined) {
    if (!isObject(headers))
      return new Refusal('response.headers', 'response.headers must be an object of name → text');
    for (const [name, text] of Object.entries(headers)) {
      const field = `response.headers.${name.slice(0, 50)}`;
      if (!TOKEN.test(name))
        return new Refusal(field, `${JSON.stringify(name.slice(0, 50))} is not a header name`);
      if (name.toLowerCase().startsWith('standin-')) {
        return new Refusal(
          field,
          `${name}: standin-* headers are standin's own markers (standin-stubbed, standin-replayed)`,
        );
      }
      if (FRAMING_HEADERS.includes(name.toLowerCase())) {
        return new Refusal(field, `${name} is set by the server from the body`);
      }
      if (typeof text !== 'string' || !HEADER_VALUE.test(text)) {
        return new Refusal(field, 'a header value is visible ASCII text of at most 8192 characters');
      }
      Object.defineProperty(out.headers, name.toLowerCase(), {
        value: text,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  if (body !== undefined) out.body = body;
  if (bodyBase64 !== undefined) out.bodyBase64 = bodyBase64 as string;
  return out;
}

const isProblem = (v: unknown): v is Refusal => v instanceof Refusal;

function optionalName(input: Record<string, unknown>, field: string): Refusal | string | null {
  const value = input[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    return new Refusal(field, `${field} must be text of 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return value;
}

/** Checks a stub body as POSTed and normalises it; never throws. */
export function validateStub(body: unknown, id: string): StubResult {
  const fail = (field: string, message: string): StubResult => ({ ok: false, problem: { field, message } });
  if (!isObject(body)) {
    return fail(
      'body',
      'the body must be a JSON object such as {"vendor":"voipcube","path":"/stats/user-statuses","response":{"status":200,"body":[]}}',
    );
  }
  for (const key of Object.keys(body)) {
    if (!(STUB_FIELDS as readonly string[]).includes(key)) {
      return fail(
        key.slice(0, 50),
        `unknown field ${JSON.stringify(key.slice(0, 50))}; a stub has ${STUB_FIELDS.join(', ')} (or vendor, dataset, rows for a data override)`,
      );
    }
  }
  const { vendor, method, path, times, priority } = body;
  if (!isVendorName(vendor)) return fail('vendor', `vendor must be one of ${VENDORS.join(', ')}`);
  if (
    method !== undefined &&
    method !== null &&
    (typeof method !== 'string' || !METHOD.test(method.toUpperCase()))
  ) {
    return fail('method', 'method must be an HTTP method such as GET');
  }
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH) {
    return fail('path', `path must be text of at most ${MAX_PATH_LENGTH} characters`);
  }
  const pathProblem = stubPathProblem(vendor, path);
  if (pathProblem !== null) return fail('path', pathProblem);
  const query = conditions('query', body.query);
  if (isProblem(query)) return { ok: false, problem: query };
  const headers = conditions('headers', body.headers);
  if (isProblem(headers)) return { ok: false, problem: headers };
  const response = responseOf(body.response);
  if (isProblem(response)) return { ok: false, problem: response };
  if (times !== undefined && times !== null && !(isInteger(times) && times >= 1 && times <= MAX_TIMES)) {
    return fail('times', `times must be a whole number from 1 to ${MAX_TIMES}`);
  }
  if (
    priority !== undefined &&
    priority !== null &&
    !(isInteger(priority) && priority >= 1 && priority <= MAX_PRIORITY)
  ) {
    return fail('priority', `priority must be a whole number from 1 (highest) to ${MAX_PRIORITY}`);
  }
  const names: Record<string, string | null> = {};
  for (const field of ['scenario', 'requiredState', 'newState']) {
    const value = optionalName(body, field);
    if (isProblem(value)) return { ok: false, problem: value };
    names[field] = value;
  }
  if (names.scenario === null && (names.requiredState !== null || names.newState !== null)) {
    return fail('scenario', 'requiredState and newState need a scenario');
  }
  return {
    ok: true,
    stub: {
      id,
      vendor,
      method: typeof method === 'string' ? method.toUpperCase() : null,
      path,
      query,
      headers,
      response,
      times: (times ?? null) as number | null,
      priority: (priority ?? DEFAULT_PRIORITY) as number,
      scenario: names.scenario ?? null,
      requiredState: names.requiredState ?? null,
      newState: names.newState ?? null,
      answered: 0,
    },
  };
}
