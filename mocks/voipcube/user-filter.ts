import { apiError } from '../../src/http/errors.ts';
import type { Query } from '../../src/http/params.ts';

/** Any UUID version (and the nil UUID): the vendor's doc shows v4 ids but states no version. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ARRAY_KEY = 'userIds[]';
const ARRAY_FORM =
  'userIds must be given as an array, one userIds[] per id, e.g. userIds[]=1d0abaa0-f0f8-42b3-b0f5-d755d33cf3fd&userIds[]=ebd1a29a-8980-404c-9def-cd54865abdc1';

/**
 * Reads the `userIds[]` filter from a query parsed by Express 5's simple parser, which keeps the
 * key literally as `userIds[]` (a string for one value, an array for several).
 * @returns the ids in lowercase (duplicates collapse), or undefined when no filter is given.
 * Throws INVALID_PARAMETER for a value that is not a UUID, and for any other spelling of the key
 * (`userIds=`, `userIds[0]=`), which would otherwise be silently ignored and return every user.
 */
export function parseUserFilter(query: Query): ReadonlySet<string> | undefined {
  for (const key of Object.keys(query)) {
    if (key !== ARRAY_KEY && key.startsWith('userIds')) {
      throw apiError('INVALID_PARAMETER', `${key} is not accepted: ${ARRAY_FORM}`, { parameter: 'userIds' });
    }
  }
  if (!Object.hasOwn(query, ARRAY_KEY)) return undefined;
  const raw = query[ARRAY_KEY];
  const values = Array.isArray(raw) ? raw : [raw];
  const ids = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw apiError('INVALID_PARAMETER', `userIds[] "${String(value)}" is not a UUID`, {
        parameter: 'userIds[]',
      });
    }
    ids.add(value.toLowerCase());
  }
  return ids;
}
