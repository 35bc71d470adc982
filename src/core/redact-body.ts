/**
 * Error answers echo what the client sent — a bad parameter value, an unknown path — so that the
 * client sees what was wrong. A credential sent in the wrong place would be echoed with it, into
 * whatever logs the client's output; the one error exit masks it there as the journal does.
 */

/** Every string inside a JSON value passed through `text`; keys and other values as they are. */
export function redactStrings(value: unknown, text: (s: string) => string): unknown {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((v) => redactStrings(v, text));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = redactStrings(v, text);
    return out;
  }
  return value;
}
