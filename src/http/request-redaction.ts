/**
 * Takes credentials out of what the request journal keeps: credential headers, credential-like
 * query parameters, JWTs anywhere, and every configured secret wherever it appears.
 * Pure: request parts in, redacted copies out.
 */
import { redact } from '../config/credentials.ts';

/** Header and query names that carry credentials (`Key`: a bare API-key header, as some vendors use). */
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

/** How a header's value is redacted, decided by its name. */
type HeaderKind = 'authorization' | 'cookie' | 'sensitive' | 'text';

function headerKind(name: string): HeaderKind {
  if (name === 'authorization' || name === 'proxy-authorization') return 'authorization';
  if (name === 'cookie' || name === 'set-cookie') return 'cookie';
  return SENSITIVE_NAME.test(name) ? 'sensitive' : 'text';
}

/**
 * Texts up to this long that were found clean are remembered; longer ones are checked each time,
 * so the memory stays small (at most MEMO_LIMIT × MEMO_MAX_LENGTH characters).
 */
const MEMO_MAX_LENGTH = 256;
/** How many clean texts, and header names, are remembered; past it, the memory starts over. */
const MEMO_LIMIT = 2048;

/**
 * Builds a redactor for the given secrets (the configured credentials); each is also caught
 * percent-encoded, as it would appear in a raw path.
 *
 * Clients send the same header values, paths and parameters over and over, so the redactor
 * remembers the texts it found clean (no secret, no JWT: redaction leaves them as they are) and
 * answers them again without searching. Only clean texts are remembered, so this memory never
 * holds a credential; a text that needed redacting is redacted afresh every time.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = [
    ...new Set(secrets.filter((s) => s.length > 0).flatMap((s) => [s, encodeURIComponent(s)])),
  ].sort((a, b) => b.length - a.length); // longest first, so a secret containing another is caught whole

  const search = (value: string): string => {
    // Every JWT starts with `eyJ`; most texts hold none, and the check is cheaper than the regex.
    let out = value.includes('eyJ') ? value.replace(JWT, (jwt) => redact(jwt)) : value;
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(redact(needle));
    }
    return out;
  };

  // Each clean text maps to its first instance: an entry of the journal then holds that one (old,
  // shared) string instead of this request's copy, which dies young with the request.
  const clean = new Map<string, string>();
  const text = (value: string): string => {
    const known = clean.get(value);
    if (known !== undefined) return known;
    const out = search(value);
    if (out === value && value.length <= MEMO_MAX_LENGTH) {
      if (clean.size >= MEMO_LIMIT) clean.clear();
      clean.set(value, value);
    }
    return out;
  };

  const kinds = new Map<string, HeaderKind>();
  const kindOf = (name: string): HeaderKind => {
    let kind = kinds.get(name);
    if (kind === undefined) {
      kind = headerKind(name);
      if (name.length <= MEMO_MAX_LENGTH) {
        if (kinds.size >= MEMO_LIMIT) kinds.clear();
        kinds.set(name, kind);
      }
    }
    return kind;
  };

  const headerValue = (kind: HeaderKind, value: string): string => {
    switch (kind) {
      case 'authorization':
        return redactAuthorization(value);
      case 'cookie':
        return redactCookie(value);
      case 'sensitive':
        return redact(value);
      case 'text':
        return text(value);
    }
  };

  /** A query value as text, masked whole under a credential-like name. */
  const queryValue = (value: unknown, sensitive: boolean): string => {
    const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
    return sensitive ? redact(s) : text(s);
  };

  // Plain loops, no closures or entry arrays: this runs for every request the journal records.
  return {
    text,
    headers(headers) {
      const out: RedactedHeaders = {};
      for (const name in headers) {
        const value = headers[name];
        if (value === undefined) continue;
        const key = name.toLowerCase();
        const kind = kindOf(key);
        if (!Array.isArray(value)) {
          out[key] = headerValue(kind, value);
          continue;
        }
        const values: string[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) values[i] = headerValue(kind, value[i]!);
        out[key] = values;
      }
      return out;
    },
    query(query) {
      const out: RedactedQuery = {};
      for (const name of Object.keys(query)) {
        const value = query[name];
        // Every kind but `text` is a credential-like name (SENSITIVE_NAME matches auth and cookie too).
        const sensitive = kindOf(name) !== 'text';
        const key = text(name);
        let redacted: string | string[];
        if (Array.isArray(value)) {
          redacted = new Array(value.length);
          for (let i = 0; i < value.length; i++) redacted[i] = queryValue(value[i], sensitive);
        } else {
          redacted = queryValue(value, sensitive);
        }
        // defineProperty: a `__proto__` query key must stay a plain own key, not a prototype.
        if (key === '__proto__') {
          Object.defineProperty(out, key, {
            value: redacted,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } else {
          out[key] = redacted;
        }
      }
      return out;
    },
  };
}

/**
 * `next` if it differs from `previous`, else `previous`: a client sends the same headers and query
 * request after request, and an entry of the journal holding the one object kept from before
 * (old, shared) lets this request's copy die young instead of being kept, promoted and collected.
 */
export function sameOrNew<T extends RedactedHeaders | RedactedQuery>(previous: T, next: T): T {
  let count = 0;
  for (const name in next) {
    const a = next[name]!;
    const b = previous[name];
    if (a !== b && !(Array.isArray(a) && Array.isArray(b) && sameStrings(a, b))) return next;
    count += 1;
  }
  for (const _ in previous) count -= 1;
  return count === 0 ? previous : next;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
