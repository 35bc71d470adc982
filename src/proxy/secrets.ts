/**
 * The proxy knows no credentials of its own: the client brings them. It learns each secret from
 * the requests (credential headers, credential-like query values) so that the journal, the HAR,
 * the report and the log can take it out wherever else it shows (a path, a message, a body).
 */
import { createRedactor, type Redactor } from '../http/request-redaction.ts';

/** Credential-like names, as the journal's redactor reads them. */
const SENSITIVE =
  /^(key|sid|jwt)$|auth|cookie|token|secret|passw|api[-_]?key|access[-_]?key|session|credential|signature/i;
/** Secrets shorter than this are not searched for elsewhere: they would redact ordinary text. */
const MIN_SECRET = 6;
/** Most secrets remembered; a proxy sees a handful of clients' credentials, not thousands. */
const MAX_SECRETS = 256;

/** The secret parts of one credential value: a bearer token without its scheme, cookie values. */
function secretsOfValue(name: string, value: string): string[] {
  if (/authorization/i.test(name)) {
    const space = value.trim().indexOf(' ');
    return [
      space < 0
        ? value.trim()
        : value
            .trim()
            .slice(space + 1)
            .trim(),
    ];
  }
  if (/cookie/i.test(name)) {
    return value.split(';').map((part) => part.slice(part.indexOf('=') + 1).trim());
  }
  return [value];
}

/** A redactor that grows with the secrets the requests show. */
export interface SecretKeeper {
  /** Learns the secrets of a request's headers and query; returns the redactor that knows them all. */
  learn(headers: Record<string, string | string[] | undefined>, query: URLSearchParams): Redactor;
  /** The redactor as it stands. */
  redactor(): Redactor;
}

export function createSecretKeeper(): SecretKeeper {
  const secrets = new Set<string>();
  let current = createRedactor([]);
  const add = (name: string, value: string) => {
    for (const s of secretsOfValue(name, value)) {
      if (s.length >= MIN_SECRET && !secrets.has(s) && secrets.size < MAX_SECRETS) {
        secrets.add(s);
        current = createRedactor([...secrets]);
      }
    }
  };
  return {
    learn(headers, query) {
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined || !SENSITIVE.test(name)) continue;
        for (const v of Array.isArray(value) ? value : [value]) add(name, v);
      }
      for (const [name, value] of query) if (SENSITIVE.test(name)) add(name, value);
      return current;
    },
    redactor: () => current,
  };
}
