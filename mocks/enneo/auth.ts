import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { apiError } from '../../src/http/errors.ts';
import { safeEqual } from '../../src/http/safe-equal.ts';
import type { AuthHeaders, Caller } from './caller.ts';
import type { EnneoCredentials } from './credentials.ts';
import { PERSONAL_DATA_PERMISSION } from './token.ts';
import type { VerifiedTokens } from './verified-tokens.ts';

export type { AuthHeaders, Caller } from './caller.ts';

/** A `connect.sid` session stands for the development user (assumed; the docs say nothing about sessions). */
const SESSION_CALLER: Caller = { userId: 1, permissions: [PERSONAL_DATA_PERMISSION], via: 'cookie' };

const forbidden = (message: string) => apiError('FORBIDDEN', message);

/**
 * Authenticates a request by `Authorization: Bearer <JWT>` (HS256) or the `connect.sid` cookie.
 * The header, when present, decides alone; the cookie is read only without it.
 * Every failure is a 403 FORBIDDEN whose message says why (Enneo documents 403 "Unauthorized").
 * @param verified the caller's cache of tokens that verified before (one per app); none: verify every time.
 */
export async function authenticate(
  headers: AuthHeaders,
  credentials: EnneoCredentials,
  now: number,
  verified?: VerifiedTokens,
): Promise<Caller> {
  if (headers.authorization !== undefined)
    return verifyBearer(headers.authorization, credentials.jwtSecret, now, verified);
  const sid = readCookie(headers.cookie ?? '', 'connect.sid');
  if (sid === undefined) {
    throw forbidden('authentication required: send "Authorization: Bearer <JWT>" or the connect.sid cookie');
  }
  if (!safeEqual(sid, credentials.sessionId))
    throw forbidden('the connect.sid session is not a valid session');
  return SESSION_CALLER;
}

/** Reads one cookie's value from a Cookie header (first occurrence wins, percent-decoding applied). */
export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      // A stray % is not an encoding: compare the value as sent.
      return value;
    }
  }
  return undefined;
}

async function verifyBearer(
  header: string,
  secret: string,
  now: number,
  verified: VerifiedTokens | undefined,
): Promise<Caller> {
  const match = /^(\S+)(?: +(.*))?$/.exec(header.trim());
  if (!match || match[1]!.toLowerCase() !== 'bearer') {
    throw forbidden('the Authorization header must use the Bearer scheme: "Authorization: Bearer <JWT>"');
  }
  const token = (match[2] ?? '').trim();
  if (token === '') throw forbidden('the Authorization header carries no token after "Bearer"');
  const known = verified?.get(secret, token, now);
  if (known !== undefined) return known;

  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw forbidden('the bearer token is not a well-formed JWT (header.payload.signature, base64url JSON)');
  }
  if (alg === 'none') throw forbidden('the bearer token is unsigned (alg "none"); only HS256 is accepted');
  if (alg !== 'HS256') {
    throw forbidden(`the bearer token is signed with alg ${JSON.stringify(alg)}; only HS256 is accepted`);
  }

  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
    }));
  } catch (err) {
    throw forbidden(explainJoseFailure(err));
  }
  const caller = callerFromClaims(payload);
  verified?.set(secret, token, {
    caller,
    // jose accepted the token, so these are numbers when present.
    nbf: payload.nbf as number | undefined,
    exp: payload.exp as number | undefined,
  });
  return caller;
}

function explainJoseFailure(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return 'the bearer token signature does not verify with the server secret';
  }
  if (err instanceof errors.JWTExpired) {
    const exp = (err.payload as { exp?: unknown }).exp;
    return `the bearer token expired${typeof exp === 'number' ? ` at ${isoSeconds(exp)}` : ''} ("exp")`;
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf' && err.reason === 'check_failed') {
      const nbf = (err.payload as { nbf?: unknown }).nbf;
      return `the bearer token is not valid yet${typeof nbf === 'number' ? `: not before ${isoSeconds(nbf)}` : ''} ("nbf")`;
    }
    return `the bearer token has an invalid "${err.claim}" claim: ${err.message}`;
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) {
    return `the bearer token is not a well-formed JWT: ${err.message}`;
  }
  // Any other verification failure is still the caller's token, never a server fault.
  return 'the bearer token could not be verified';
}

function isoSeconds(epochSeconds: number): string {
  const ms = epochSeconds * 1000;
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15
    ? new Date(ms).toISOString().replace('.000Z', 'Z')
    : String(epochSeconds);
}

function callerFromClaims(payload: Record<string, unknown>): Caller {
  const userId = readUserId(payload);
  if (userId === undefined) {
    throw forbidden(
      'the bearer token names no user: it needs a positive integer "userId" or numeric "sub" claim',
    );
  }
  const permissions = payload.permissions ?? [];
  if (!Array.isArray(permissions) || !permissions.every((p) => typeof p === 'string')) {
    throw forbidden('the bearer token "permissions" claim must be an array of strings');
  }
  // Frozen: the same caller answers every later request with this token.
  return Object.freeze({ userId, permissions: Object.freeze([...permissions]), via: 'bearer' });
}

function readUserId(payload: Record<string, unknown>): number | undefined {
  const { userId, sub } = payload;
  if (typeof userId === 'number' && Number.isSafeInteger(userId) && userId > 0) return userId;
  if (typeof sub === 'string' && /^[1-9]\d{0,14}$/.test(sub)) return Number(sub);
  return undefined;
}
