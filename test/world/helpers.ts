/** Shared helpers of the world tests: parsing the world's timestamp forms back into instants. */
import type { World } from '../../src/world/types.ts';

export const DAY_MS = 86_400_000;

/** Epoch ms of `YYYY-MM-DD HH:MM:SS` (UTC). */
export function enneoMs(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) throw new Error(`not an Enneo timestamp: ${text}`);
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** Epoch ms of an ISO 8601 UTC timestamp. */
export function isoMs(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`not an ISO timestamp: ${text}`);
  return ms;
}

/** Epoch ms of the start of a `YYYY-MM-DD` day. */
export function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** Person lookups by vendor id. */
export function peopleIndex(world: World) {
  const byEnneo = new Map<number, World['people'][number]>();
  const byVoipcube = new Map<string, World['people'][number]>();
  const byAutozod = new Map<string, World['people'][number]>();
  for (const person of world.people) {
    if (person.enneo) byEnneo.set(person.enneo.userId, person);
    if (person.voipcube) byVoipcube.set(person.voipcube.userId, person);
    if (person.autozod) byAutozod.set(person.autozod.agentId, person);
  }
  return { byEnneo, byVoipcube, byAutozod };
}

/** Groups items by a key, keeping their order. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
