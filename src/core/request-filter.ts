/**
 * The journal's filters (`vendor`, `method`, `path`, `status`, `since`, `limit`) and the wait's
 * `count` and `timeoutMs`: checked once here for both the typed methods and the HTTP query, so a
 * bad value is the same 400 naming the same field through every door.
 */

import type { JournalFilter } from '../http/journal.ts';
import { MAX_DELAY_MS } from '../http/prefer.ts';
import { ControlError } from './control-error.ts';
import { isVendorName, VENDORS } from './registry.ts';
import type { Query } from './types.ts';

/** A path glob is matched against every entry; bounded like a fault rule's. */
export const MAX_FILTER_PATH_LENGTH = 2048;
/** The longest a wait may last (ms): the same bound as a fault's delay. */
export const MAX_WAIT_MS = MAX_DELAY_MS;
/** A wait without `timeoutMs` lasts this long (ms). */
export const DEFAULT_WAIT_MS = 5_000;
/** The most requests a wait may ask for; a journal never holds more than its limit anyway. */
export const MAX_WAIT_COUNT = 100_000;

/** Which journal entries to list or count. */
export type RequestFilter = JournalFilter;

/** What `waitForRequests` waits for: `count` matching requests, at most `timeoutMs`. */
export interface WaitFilter extends RequestFilter {
  count: number;
  /** Default DEFAULT_WAIT_MS; 0 to MAX_WAIT_MS. */
  timeoutMs?: number;
  /** Ends the wait early (the caller went away); the answer is then the timeout's. */
  signal?: AbortSignal;
}

/** The filter keys, in the order errors name them. */
const FILTER_KEYS = ['vendor', 'method', 'path', 'status', 'since', 'limit'] as const;
const WAIT_KEYS = [...FILTER_KEYS, 'count', 'timeoutMs'] as const;
const METHOD = /^[A-Za-z]{1,20}$/;

const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Checks a filter given to a typed method; @returns it normalised (method uppercase). @throws ControlError */
export function checkFilter(filter: unknown, journalLimit: number): RequestFilter {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new ControlError('the filter must be an object such as {"vendor":"voipcube"}', 'filter');
  }
  const f = filter as Record<string, unknown>;
  const out: RequestFilter = {};
  if (f.vendor !== undefined) {
    if (!isVendorName(f.vendor)) {
      throw new ControlError(`vendor must be one of ${VENDORS.join(', ')}`, 'vendor', VENDORS);
    }
    out.vendor = f.vendor;
  }
  if (f.method !== undefined) {
    if (typeof f.method !== 'string' || !METHOD.test(f.method)) {
      throw new ControlError('method must be an HTTP method such as GET', 'method');
    }
    out.method = f.method.toUpperCase();
  }
  if (f.path !== undefined) {
    if (typeof f.path !== 'string' || !/^[/*]/.test(f.path) || f.path.length > MAX_FILTER_PATH_LENGTH) {
      throw new ControlError(
        `path must be a glob over the full request path, starting with "/" or "*" (at most ${MAX_FILTER_PATH_LENGTH} characters; * matches any run of characters)`,
        'path',
      );
    }
    out.path = f.path;
  }
  if (f.status !== undefined) {
    if (!isWhole(f.status, 100, 599))
      throw new ControlError('status must be an HTTP status from 100 to 599', 'status');
    out.status = f.status;
  }
  if (f.since !== undefined) {
    if (!isWhole(f.since, 0, Number.MAX_SAFE_INTEGER)) {
      throw new ControlError('since must be a journal id (a whole number from 0)', 'since');
    }
    out.since = f.since;
  }
  if (f.limit !== undefined) {
    if (!isWhole(f.limit, 1, journalLimit)) {
      throw new ControlError(
        `limit must be a whole number from 1 to ${journalLimit} (the journal's size)`,
        'limit',
      );
    }
    out.limit = f.limit;
  }
  return out;
}

/** Checks what a wait is given. @throws ControlError naming the field */
export function checkWait(wait: unknown, journalLimit: number): WaitFilter {
  const filter = checkFilter(wait, journalLimit);
  const w = wait as Record<string, unknown>;
  if (!isWhole(w.count, 1, MAX_WAIT_COUNT)) {
    throw new ControlError(`count must be a whole number of requests from 1 to ${MAX_WAIT_COUNT}`, 'count');
  }
  const out: WaitFilter = { ...filter, count: w.count };
  if (w.timeoutMs !== undefined) {
    if (!isWhole(w.timeoutMs, 0, MAX_WAIT_MS)) {
      throw new ControlError(
        `timeoutMs must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}`,
        'timeoutMs',
      );
    }
    out.timeoutMs = w.timeoutMs;
  }
  if (w.signal instanceof AbortSignal) out.signal = w.signal;
  return out;
}

const INTEGER = /^\d{1,16}$/;

/**
 * A filter from a control's query string (`?vendor=voipcube&status=200`): numbers parsed, an
 * unknown or repeated key refused, so a typo never silently widens what a test asserts on.
 * @param wait whether the control is the wait (which also takes `count` and `timeoutMs`)
 */
export function filterFromQuery(query: Query, wait: boolean): Record<string, unknown> {
  const keys: readonly string[] = wait ? WAIT_KEYS : FILTER_KEYS;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const shown = JSON.stringify(key.slice(0, 100));
    if (!keys.includes(key)) {
      throw new ControlError(
        `unknown parameter ${shown}; this control takes ${keys.join(', ')}`,
        key.slice(0, 100),
      );
    }
    if (typeof value !== 'string') throw new ControlError(`${key} must be given once`, key);
    const numeric = key !== 'vendor' && key !== 'method' && key !== 'path';
    // A non-number stays text, so the check names the field with its rule instead of a parse error.
    out[key] = numeric && INTEGER.test(value) ? Number(value) : value;
  }
  return out;
}
