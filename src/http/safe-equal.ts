import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Digests of the expected secrets (the configured credentials, a handful): every request compares
 * against one of them, so each is hashed once rather than per request. Bounded all the same, so
 * that a caller passing ever new expected values cannot grow it.
 */
const expectedDigests = new Map<string, Buffer>();
const EXPECTED_LIMIT = 64;

function digestOf(text: string): Buffer {
  return hash('sha256', text, 'buffer');
}

/** Compares two secrets in constant time, whatever their lengths (both are hashed first). */
export function safeEqual(given: string, expected: string): boolean {
  let b = expectedDigests.get(expected);
  if (b === undefined) {
    b = digestOf(expected);
    if (expectedDigests.size >= EXPECTED_LIMIT) expectedDigests.clear();
    expectedDigests.set(expected, b);
  }
  return timingSafeEqual(digestOf(given), b);
}
