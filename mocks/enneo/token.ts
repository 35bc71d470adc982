import { SignJWT } from 'jose';

/** The permission that lets a caller see emails under `partiallyPseudonymized`. */
export const PERSONAL_DATA_PERMISSION = 'reportingPersonalData';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|weeks?)$/i;

/**
 * Reads a token lifetime: a number of seconds, or a span such as `90s`, `15m`, `1h`, `7d`, `2w`.
 * jose's own parser always counts from the wall clock, so the mock parses spans itself to honour `now`.
 */
export function parseExpiresIn(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value <= 0) throw new TypeError('expiresIn must be a positive integer');
    return value;
  }
  const match = DURATION.exec(value.trim());
  if (!match) throw new TypeError(`expiresIn "${value}" is not a duration such as 90s, 15m, 1h, 7d or 2w`);
  const unit = match[2]!.toLowerCase();
  const seconds = Number(match[1]) * UNIT_SECONDS[unit.startsWith('mi') ? 'm' : unit[0]!]!;
  if (seconds <= 0) throw new TypeError('expiresIn must be longer than zero');
  return seconds;
}

/**
 * Mints an HS256 Enneo JWT with `sub`/`userId` and `permissions` claims.
 * A minted token carries only the permissions asked for; it gets `iat`, and `exp` when `expiresIn` is given.
 * @example await mintEnneoToken(secret, { userId: 7, permissions: ['reportingPersonalData'], expiresIn: '1h' })
 */
export async function mintEnneoToken(
  secret: string,
  opts: { userId?: number; permissions?: string[]; expiresIn?: string | number; now?: number } = {},
): Promise<string> {
  const userId = opts.userId ?? 1;
  if (!Number.isInteger(userId) || userId <= 0) throw new TypeError('userId must be a positive integer');
  // Minting is a CLI/test action, not a data path: the wall clock is the natural default here.
  const nowSeconds = Math.floor((opts.now ?? Date.now()) / 1000);
  const jwt = new SignJWT({ userId, permissions: [...(opts.permissions ?? [])] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuedAt(nowSeconds);
  if (opts.expiresIn !== undefined) jwt.setExpirationTime(nowSeconds + parseExpiresIn(opts.expiresIn));
  return jwt.sign(new TextEncoder().encode(secret));
}

/**
 * The well-known development token: user 1 with `reportingPersonalData`, no `iat`/`exp`, so the same
 * secret always yields the same string (HMAC is deterministic) and it never expires.
 */
export async function defaultEnneoToken(secret: string): Promise<string> {
  return new SignJWT({ userId: 1, permissions: [PERSONAL_DATA_PERMISSION] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('1')
    .sign(new TextEncoder().encode(secret));
}
