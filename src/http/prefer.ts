/**
 * Faults asked for per request through the `Prefer` header, in the forms Prism users know:
 * `Prefer: code=503`, `Prefer: delay=1500`, `Prefer: fault=reset`, combinable as
 * `Prefer: code=503, delay=100`. Pure: header text in, a fault or a problem out.
 */

/** The most a request may ask to be delayed (ms): long enough for any client timeout test. */
export const MAX_DELAY_MS = 60_000;
/** Injected statuses are errors: a 2xx/3xx "fault" would be a lie about what the mock did. */
export const MIN_FAULT_CODE = 400;
export const MAX_FAULT_CODE = 599;

/** What a fault does to one request; every part is optional, `code` and `reset` exclude each other. */
export interface Fault {
  /** Answer this status with the vendor's error body. */
  code?: number;
  /** Wait this many ms before answering (or dropping). */
  delayMs?: number;
  /** Drop the connection instead of answering. */
  reset?: boolean;
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
  return parts.join(', ');
}
