/**
 * Takes credentials out of what the request journal keeps: credential headers, credential-like
 * query parameters, JWTs anywhere, and every configured secret wherever it appears.
 * Pure: request parts in, redacted copies out.
 */
import { redact } from '../config/credentials.ts';

/** Header and query names that carry credentials (`Key` is VoIPcube's API-key header). */
const SENSITIVE_NAME =
  /^(key|sid|jwt)$|auth|cookie|token|secret|passw|api[-_]?key|access[-_]?key|session|credential|signature/i;
/** A JWT: three base64url parts, the first a JSON object (`{"` encodes to `eyJ`). */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;

export type RedactedHeaders = Record<string, string | string[]>;
export type RedactedQuery = Record<string, string | string[]>;

/** Redacts request parts with one app's secrets in mind. */
export interface Redactor {
  /** Any text with every known secret and JWT in it replaced. */
  text(value: string): string;
  headers(headers: Record<string, string | string[] | undefined>): RedactedHeaders;
  query(query: Record<string, unknown>): RedactedQuery;
}

/** `Bearer eyJ…` keeps its scheme so a reader still sees how the client authenticated. */
function redactAuthorization(value: string): string {
  const space = value.indexOf(' ');
  if (space < 0) return redact(value);
  return `${value.slice(0, space)} ${redact(value.slice(space + 1).trim())}`;
}

/** Keeps cookie names (CI may assert `connect.sid` was sent) and hides every value. */
function redactCookie(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return redact(part.trim());
      return `${part.slice(0, eq).trim()}=${redact(part.slice(eq + 1).trim())}`;
    })
    .join('; ');
}

/**
 * Builds a redactor for the given secrets (the configured credentials); each is also caught
 * percent-encoded, as it would appear in a raw path.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = [
    ...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => [s, encodeURIComponent(s)])),
  ].sort((a, b) => b.length - a.length); // longest first, so a secret containing another is caught whole

  const text = (value: string): string => {
    let out = value.replace(JWT, (jwt) => redact(jwt));
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(redact(needle));
    }
    return out;
  };

  const headerValue = (name: string, value: string): string => {
    if (name === 'authorization' || name === 'proxy-authorization') return redactAuthorization(value);
    if (name === 'cookie' || name === 'set-cookie') return redactCookie(value);
    if (SENSITIVE_NAME.test(name)) return redact(value);
    return text(value);
  };

  return {
    text,
    headers(headers) {
      const out: RedactedHeaders = {};
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) continue;
        const key = name.toLowerCase();
        out[key] = Array.isArray(value) ? value.map((v) => headerValue(key, v)) : headerValue(key, value);
      }
      return out;
    },
    query(query) {
      const out: RedactedQuery = {};
      for (const [name, value] of Object.entries(query)) {
        const sensitive = SENSITIVE_NAME.test(name);
        const one = (v: unknown): string => {
          const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
          return sensitive ? redact(s) : text(s);
        };
        // defineProperty: a `__proto__` query key must stay a plain own key, not a prototype.
        Object.defineProperty(out, text(name), {
          value: Array.isArray(value) ? value.map(one) : one(value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    },
  };
}
