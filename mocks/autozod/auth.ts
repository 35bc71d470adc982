/** Autozod's bearer-token check: `Authorization: Bearer <token>`. */
import { ApiError, apiError } from '../../src/http/errors.ts';
import { safeEqual } from '../../src/http/safe-equal.ts';

/** Sent with every 401 so that clients learn the scheme (RFC 6750; assumed, the doc is silent). */
export const WWW_AUTHENTICATE = 'Bearer realm="autozod"';

/**
 * Checks an Authorization header against the configured token; throws 401 UNAUTHENTICATED when it
 * is missing, uses another scheme, or carries the wrong token. The scheme name is matched
 * case-insensitively, as RFC 9110 requires; the token is compared in constant time.
 */
/** `checkBearer` as the route applies it: every 401 also tells the client the scheme. */
export function authorizeBearer(header: string | undefined, expectedToken: string): void {
  try {
    checkBearer(header, expectedToken);
  } catch (err) {
    if (err instanceof ApiError) {
      throw new ApiError(err.code, err.message, err.status, err.parameter, {
        'www-authenticate': WWW_AUTHENTICATE,
      });
    }
    throw err;
  }
}

export function checkBearer(header: string | undefined, expectedToken: string): void {
  if (header === undefined || header.trim() === '') {
    throw apiError('UNAUTHENTICATED', 'a bearer token is required in the Authorization header');
  }
  const match = /^(\S+)[ \t]+(\S+)[ \t]*$/.exec(header.trim());
  if (!match || match[1]!.toLowerCase() !== 'bearer') {
    throw apiError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
  }
  if (!safeEqual(match[2]!, expectedToken)) {
    throw apiError('UNAUTHENTICATED', 'the bearer token is not valid');
  }
}
