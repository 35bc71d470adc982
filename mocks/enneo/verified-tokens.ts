/**
 * Bearer tokens that already verified, remembered so that a client sending the same token on
 * every request pays for one HMAC verification, not one per request. Only a token that verified
 * and named a caller is kept; its time claims are checked again on every use.
 */
import { hash } from 'node:crypto';
import type { Caller } from './caller.ts';

/** What a verified token still needs checking at each use: its time window, and whom it names. */
export interface VerifiedToken {
  caller: Caller;
  /** The token's `nbf` and `exp` (seconds since the epoch), when it has them. */
  nbf: number | undefined;
  exp: number | undefined;
}

/** How many tokens are remembered; past it, the least recently used is forgotten. */
export const VERIFIED_TOKEN_LIMIT = 1000;

/**
 * The cache key: a digest of secret and token, so that the map never holds a credential and a
 * lookup (which compares keys by content) reveals nothing about a remembered token's characters.
 */
function keyOf(secret: string, token: string): string {
  return hash('sha256', `${secret}\0${token}`, 'base64');
}

/** A bounded least-recently-used set of verified tokens; each app holds its own. */
export class VerifiedTokens {
  readonly #limit: number;
  readonly #entries = new Map<string, VerifiedToken>();
  /** The key used or added last: touching it again changes nothing, so it is not re-inserted. */
  #newest: string | undefined;

  constructor(limit: number = VERIFIED_TOKEN_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    this.#limit = limit;
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * The caller of a token that verified before with this secret and is within its time window at
   * `now` (ms), checked as jose checks it (`nbf` ≤ now < `exp`, in whole seconds). A remembered
   * token outside its window is forgotten, so that the caller verifies it afresh and says why.
   */
  get(secret: string, token: string, now: number): Caller | undefined {
    const key = keyOf(secret, token);
    const found = this.#entries.get(key);
    if (found === undefined) return undefined;
    const seconds = Math.floor(now / 1000);
    if (
      !Number.isFinite(seconds) ||
      (found.nbf !== undefined && found.nbf > seconds) ||
      (found.exp !== undefined && found.exp <= seconds)
    ) {
      this.#entries.delete(key);
      if (this.#newest === key) this.#newest = undefined;
      return undefined;
    }
    // Re-inserted, so that map order is least recently used first (a client sending one token over
    // and over finds it newest already: no churn in the map for it).
    if (this.#newest !== key) {
      this.#entries.delete(key);
      this.#entries.set(key, found);
      this.#newest = key;
    }
    return found.caller;
  }

  /** Remembers a token that verified with `secret` and named `caller`. */
  set(secret: string, token: string, verified: VerifiedToken): void {
    const key = keyOf(secret, token);
    this.#entries.delete(key);
    this.#entries.set(key, verified);
    this.#newest = key;
    if (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
