/**
 * Faults asked for per request through the `Prefer` header, in the forms Prism users know:
 * `Prefer: code=503`, `Prefer: delay=1500`, `Prefer: fault=reset`, combinable as
 * `Prefer: code=503, delay=100`, and `Prefer: code=429, retry-after=2` for the `Retry-After` an
 * injected 429/503 carries. Pure: header text in, a fault or a problem out.
 */

/** The most a request may ask to be delayed (ms): long enough for any client timeout test. */
export const MAX_DELAY_MS = 60_000;
/** Injected statuses are errors: a 2xx/3xx "fault" would be a lie about what the mock did. */
export const MIN_FAULT_CODE = 400;
export const MAX_FAULT_CODE = 599;
/** The most seconds an injected 429/503 may tell the client to wait (`Retry-After`): one day. */
export const MAX_RETRY_AFTER_S = 86_400;
/** `Retry-After` on an injected 429 or 503 that names none: one second, short enough for any test. */
export const DEFAULT_RETRY_AFTER_S = 1;
/** The injected statuses that carry `Retry-After` (RFC 9110 §10.2.3, RFC 6585 §4). */
export const RETRY_AFTER_CODES: readonly number[] = [429, 503];

/** What a fault does to one request; every part is optional, `code` and `reset` exclude each other. */
export interface Fault {
  /** Answer this status with the vendor's error body. */
  code?: number;
  /** Wait this many ms before answering (or dropping). */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** Seconds for `Retry-After` on a 429 or 503 (DEFAULT_RETRY_AFTER_S when absent). */
  retryAfter?: number;
}

/** The `Retry-After` value an injected answer carries, or null for statuses that take none. */
export function retryAfterSeconds(fault: Fault): number | null {
  if (fault.code === undefined || !RETRY_AFTER_CODES.includes(fault.code)) return null;
  return fault.retryAfter ?? DEFAULT_RETRY_AFTER_S;
}

export type PreferResult = { ok: true; fault: Fault | null } | { ok: false; problem: string };

const INTEGER = /^\d+$/;
/** The answer for a request without `Prefer` (most of them): one frozen object, not one per request. */
const NO_PREFERENCE: PreferResult = Object.freeze({ ok: true, fault: null });

/**
 * Reads the fault preferences of a `Prefer` header (several headers arrive joined by `, `).
 * Unknown preferences (`return=minimal`, Prism's `example=`/`dynamic=`) are ignored as RFC 7240
 * asks; a known preference given twice counts once, the first time, as RFC 7240 also asks.
 * @example parsePrefer('code=503, delay=100') // { ok: true, fault: { code: 503, delayMs: 100 } }
 */
export function parsePrefer(header: string | string[] | undefined): PreferResult {
  if (header === undefined) return NO_PREFERENCE;
  const text = Array.isArray(header) ? header.join(',') : header;
  const seen = new Map<string, string>();
  for (const part of text.split(',')) {
    // Parameters after `;` qualify a preference; none of ours takes any, so they are dropped.
    const preference = part.split(';')[0]!.trim();
    if (preference === '') continue;
    const eq = preference.indexOf('=');
    const name = (eq < 0 ? preference : preference.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? '' : preference.slice(eq + 1).trim();
    const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    if (!seen.has(name)) seen.set(name, value);
  }

  const fault: Fault = {};
  const code = seen.get('code');
  if (code !== undefined) {
    const n = INTEGER.test(code) ? Number(code) : Number.NaN;
    if (!(n >= MIN_FAULT_CODE && n <= MAX_FAULT_CODE)) {
      return {
        ok: false,
        problem: `Prefer code must be an HTTP error status from ${MIN_FAULT_CODE} to ${MAX_FAULT_CODE}, got ${JSON.stringify(code)}`,
      };
    }
    fault.code = n;
  }
  const delay = seen.get('delay');
  if (delay !== undefined) {
    const n = INTEGER.test(delay) ? Number(delay) : Number.NaN;
    if (!(n >= 0 && n <= MAX_DELAY_MS)) {
      return {
        ok: false,
        problem: `Prefer delay must be a whole number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${JSON.stringify(delay)}`,
      };
    }
    fault.delayMs = n;
  }
  const kind = seen.get('fault');
  if (kind !== undefined) {
    if (kind.toLowerCase() !== 'reset') {
      return { ok: false, problem: `Prefer fault must be reset, got ${JSON.stringify(kind)}` };
    }
    fault.reset = true;
  }
  const retryAfter = seen.get('retry-after');
  if (retryAfter !== undefined) {
    const n = INTEGER.test(retryAfter) ? Number(retryAfter) : Number.NaN;
    if (!(n >= 0 && n <= MAX_RETRY_AFTER_S)) {
      return {
        ok: false,
        problem: `Prefer retry-after must be a whole number of seconds from 0 to ${MAX_RETRY_AFTER_S}, got ${JSON.stringify(retryAfter)}`,
      };
    }
    if (fault.code === undefined || !RETRY_AFTER_CODES.includes(fault.code)) {
      return {
        ok: false,
        problem: 'Prefer retry-after needs code=429 or code=503 (only those carry Retry-After)',
      };
    }
    fault.retryAfter = n;
  }
  if (fault.reset && fault.code !== undefined) {
    return {
      ok: false,
      problem: 'Prefer fault=reset drops the connection, so it cannot be combined with code',
    };
  }
  return { ok: true, fault: Object.keys(fault).length === 0 ? null : fault };
}

/** The `Preference-Applied` value (RFC 7240) for a fault that was honoured. */
export function preferenceApplied(fault: Fault): string {
  const parts: string[] = [];
  if (fault.code !== undefined) parts.push(`code=${fault.code}`);
  if (fault.delayMs !== undefined) parts.push(`delay=${fault.delayMs}`);
  if (fault.retryAfter !== undefined) parts.push(`retry-after=${fault.retryAfter}`);
  return parts.join(', ');
}
