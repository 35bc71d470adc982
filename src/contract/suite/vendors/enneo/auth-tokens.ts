/**
 * Bearer tokens a server must refuse, crafted from the caller's own token so that the only thing
 * wrong with each is the one thing under test: the signature, the expiry, or the algorithm.
 * The server's secret is unknown to the suite, so every crafted signature uses a random key.
 */
import { randomBytes } from 'node:crypto';
import { decodeJwt, SignJWT } from 'jose';

type Claims = Record<string, unknown>;

/** The tokens the auth check sends. */
export interface CraftedTokens {
  /** HS256, the caller's claims, signed with a key the server cannot know. */
  wrongKey: string;
  /** HS256, the caller's claims with `exp` an hour ago, signed with a random key. */
  expired: string;
  /** `alg: none`, the caller's claims, an empty signature. */
  algNone: string;
}

/** The payload of a JWT, or undefined when the string is not one (a session id, an opaque token). */
export function jwtClaims(token: string | undefined): Claims | undefined {
  if (!token) return undefined;
  try {
    return decodeJwt(token) as Claims;
  } catch {
    return undefined;
  }
}

/**
 * Whether the token's `permissions` claim grants `permission`: true or false when the token is a
 * JWT with such a claim (no claim means no permission), undefined when it cannot be read.
 */
export function tokenHasPermission(token: string | undefined, permission: string): boolean | undefined {
  const claims = jwtClaims(token);
  if (!claims) return undefined;
  const granted = claims.permissions;
  if (granted === undefined) return false;
  return Array.isArray(granted) ? granted.includes(permission) : undefined;
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/**
 * Crafts the refused tokens from `token`'s claims when it is a JWT, else from `{ sub: '1' }`.
 * @param nowMs the current time; `exp` of the expired token lies an hour before it.
 */
export async function craftTokens(token: string | undefined, nowMs: number): Promise<CraftedTokens> {
  const { exp: _exp, nbf: _nbf, iat: _iat, ...claims } = jwtClaims(token) ?? { sub: '1' };
  const now = Math.floor(nowMs / 1000);
  const sign = (payload: Claims) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(randomBytes(32));
  return {
    wrongKey: await sign({ ...claims, iat: now }),
    expired: await sign({ ...claims, iat: now - 7200, exp: now - 3600 }),
    algNone: `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify({ ...claims, iat: now }))}.`,
  };
}
