/**
 * Options of the programmatic API checked by the CLI's own flag parsers, so that `startServer` and
 * `runVerify` accept exactly what `standin serve` and `standin verify` accept. A refusal is a
 * TypeError naming the function, the option (camelCase, as passed) and the rule.
 */
import { InvalidArgumentError } from 'commander';

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * `value` through the flag parser `parse` (which takes the flag's text).
 * @example checked('startServer', 'port', 99999, parsePort) // TypeError: startServer: port must be an integer from 0 to 65535.
 */
export function checked<T>(fn: string, name: string, value: unknown, parse: (text: string) => T): T {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new TypeError(`${fn}: ${name} must be a string or a number, got ${typeof value}.`);
  }
  try {
    return parse(String(value));
  } catch (err) {
    if (!(err instanceof InvalidArgumentError)) throw err;
    // The parsers name the flag (`--max-requests must …`); the caller passed `maxRequests`.
    throw new TypeError(`${fn}: ${err.message.replace(/--([a-z-]+)/g, (_, f: string) => camel(f))}`);
  }
}

/** `value` if it is one of `choices`, else a TypeError listing them. */
export function oneOf<T extends string>(fn: string, name: string, value: unknown, choices: readonly T[]): T {
  if ((choices as readonly unknown[]).includes(value)) return value as T;
  throw new TypeError(`${fn}: ${name} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}.`);
}

/** Refuses option names the function does not know (a typo would otherwise pass silently). */
export function knownOptions(fn: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`${fn}: unknown option ${key}; the options are ${known.join(', ')}.`);
    }
  }
}
