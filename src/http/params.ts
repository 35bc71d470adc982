import { apiError } from './errors.ts';

/** Express 5's simple query parser gives a string, or an array when a key is repeated. */
export type Query = Record<string, unknown>;

/**
 * Reads a parameter that may appear at most once.
 * @returns the value, or undefined when absent; throws INVALID_PARAMETER when repeated.
 */
export function singleParam(query: Query, name: string): string | undefined {
  if (!Object.hasOwn(query, name)) return undefined;
  const value = query[name];
  if (typeof value === 'string') return value;
  throw apiError('INVALID_PARAMETER', `${name} must be given at most once`, { parameter: name });
}
