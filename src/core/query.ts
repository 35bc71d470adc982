import { parse } from 'node:querystring';
import type { Query } from './types.ts';

/**
 * Parses a query string (without its `?`) as Express's "simple" parser does, so that every door
 * reads `userIds[]=a&userIds[]=b` alike: the key kept literally, a repeated key as an array.
 */
export function parseQuery(search: string): Query {
  return search === '' ? {} : (parse(search) as Query);
}

/** Splits a request target (`/path?query`) into its path and parsed query. */
export function splitTarget(target: string): { path: string; query: Query } {
  const at = target.indexOf('?');
  return at < 0
    ? { path: target, query: {} }
    : { path: target.slice(0, at), query: parseQuery(target.slice(at + 1)) };
}
