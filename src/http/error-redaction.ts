/**
 * Error answers echo what the client sent — a bad parameter value, an unknown path — so that the
 * client sees what was wrong. A credential sent in the wrong place would be echoed with it, into
 * whatever logs the client's output; it is masked there as it is in the request journal.
 */
import type { Express, Response } from 'express';
import type { Redactor } from './request-redaction.ts';

/** Every string inside a JSON value passed through `text`; keys and other values as they are. */
function redactStrings(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, text));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = redactStrings(v, text);
    return out;
  }
  return value;
}

/**
 * Masks the configured secrets and any JWT in the JSON body of every 4xx/5xx answer of `app`:
 * every error exit (vendor, controls, not found) answers through `res.json`, so the app's own
 * response prototype gets a `json` that redacts — set once, rather than wrapped per request.
 */
export function redactErrorBodies(app: Express, redactor: Redactor): void {
  const response = app.response;
  const json = response.json;
  response.json = function redactedJson(this: Response, body?: unknown) {
    return json.call(this, this.statusCode >= 400 ? redactStrings(body, redactor.text) : body);
  };
}
