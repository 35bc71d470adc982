import { apiError } from '../../src/http/errors.ts';
import { safeEqual } from '../../src/http/safe-equal.ts';

/**
 * Checks the API key of the documented `Key` header. Pass the value as Node gives it
 * (`req.headers.key`: header names arrive lowercased, so `Key`, `key` and `KEY` all land there).
 * Throws UNAUTHENTICATED (401) when the key is missing, empty or not the configured one; the
 * comparison takes the same time whatever the given key.
 */
export function authenticate(given: string | string[] | undefined, expectedKey: string): void {
  if (given === undefined || given === '') {
    throw apiError('UNAUTHENTICATED', 'the API key is missing: send it in the Key header');
  }
  // Node joins a repeated custom header with ", "; an array only comes from a hand-built request.
  const key = Array.isArray(given) ? given.join(', ') : given;
  if (!safeEqual(key, expectedKey)) {
    throw apiError('UNAUTHENTICATED', 'the API key in the Key header is not valid');
  }
}
