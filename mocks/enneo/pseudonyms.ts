/**
 * Pseudonyms for `reportingPrivacyLevel: pseudonymized`: every user's `name` becomes a stable
 * stand-in that never shows the real name — the same for a user on every row and in every format,
 * different between users — so reports can still group by person without identifying anyone.
 * Keyed by the world's seed, as a real tenant's pseudonyms would be keyed by a tenant secret: the
 * same world always gives the same pseudonyms (assumed; the doc says nothing about `name`).
 */
import { createHmac } from 'node:crypto';

/** A user's pseudonym, e.g. `User 5c1e09ab`; null user ids get one too (the name is still hidden). */
export type Pseudonyms = (userId: number | null) => string;

export function createPseudonyms(seed: number): Pseudonyms {
  const key = `standin-enneo-pseudonyms:${seed}`;
  const known = new Map<number | null, string>();
  return (userId) => {
    let name = known.get(userId);
    if (name === undefined) {
      name = `User ${createHmac('sha256', key).update(String(userId)).digest('hex').slice(0, 8)}`;
      known.set(userId, name);
    }
    return name;
  };
}
