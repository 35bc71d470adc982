/**
 * The seeded world: one cast of people and their activity across Enneo, VoIPcube and Autozod,
 * generated deterministically from a seed, an anchor day and a size.
 */

import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, defaultTicketCount } from './defaults.ts';
import { dutyViews } from './duty-records.ts';
import { buildSessions, buildStatusLogs } from './duty-views.ts';
import { buildEnneoViews } from './enneo-views.ts';
import type { EnneoUser } from './people.ts';
import { castPeople } from './people.ts';
import { Random } from './random.ts';
import { planSchedule } from './schedule.ts';
import { SlotFinder } from './slots.ts';
import { planTickets } from './tickets.ts';
import { DAY_S, parseDay } from './time.ts';
import type { World, WorldSize } from './types.ts';

export { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, defaultTicketCount } from './defaults.ts';

export interface WorldOptions {
  seed?: number;
  /** The last day of activity, `YYYY-MM-DD` (UTC). The CLI resolves `now` before calling. */
  anchor?: string;
  size?: Partial<WorldSize>;
}

function checkSize(size: WorldSize): void {
  const rules: [keyof WorldSize, number][] = [
    ['agents', 1],
    ['days', 1],
    ['tickets', 0],
  ];
  for (const [field, min] of rules) {
    const value = size[field];
    if (!Number.isSafeInteger(value) || value < min) {
      throw new Error(`size.${field} must be an integer >= ${min}, got ${String(value)}`);
    }
  }
}

/**
 * Generates the world. Pure and deterministic: the same seed, anchor and size give the same
 * world (byte for byte once serialised) on any machine. People depend on the seed and the
 * number of agents only; the anchor moves every time so that the newest activity is on it.
 *
 * @example
 * const world = generateWorld({ seed: 7, anchor: '2026-01-15', size: { tickets: 5_000 } });
 * @throws Error when the anchor is not a `YYYY-MM-DD` day or a size is not a positive integer.
 */
export function generateWorld(options: WorldOptions = {}): World {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${String(seed)}`);
  const anchor = options.anchor ?? DEFAULT_ANCHOR;
  if (typeof anchor !== 'string')
    throw new Error(`anchor must be a YYYY-MM-DD string, got ${String(anchor)}`);
  const anchorDay = parseDay(anchor);
  const agents = options.size?.agents ?? DEFAULT_SIZE.agents;
  const days = options.size?.days ?? DEFAULT_SIZE.days;
  // No ticket count: as many as fill about two thirds of the agents' on-duty time.
  const tickets = options.size?.tickets ?? defaultTicketCount(agents, days);
  const size: WorldSize = { agents, days, tickets };
  checkSize(size);

  const firstDay = anchorDay - size.days + 1;
  const cast = castPeople(seed, size.agents);
  const schedule = planSchedule(seed, cast, firstDay, size.days);
  const worldStart = firstDay * DAY_S;
  const slots = new SlotFinder(
    new Random(seed, 'slots'),
    schedule,
    (human) => cast.humans[human]!.enneo !== null,
  );
  const store = planTickets(
    { rng: new Random(seed, 'tickets'), cast, slots, start: worldStart, end: (anchorDay + 1) * DAY_S - 1 },
    size.tickets,
  );
  const users = new Map<number, EnneoUser>();
  for (const human of cast.humans) if (human.enneo) users.set(human.enneo.userId, human.enneo);
  users.set(cast.admin.userId, cast.admin);
  users.set(cast.bot.userId, cast.bot);

  return {
    meta: { seed, anchor, size },
    people: cast.people,
    enneo: buildEnneoViews(seed, store, users, worldStart),
    ...dutyViews(buildStatusLogs(seed, cast, schedule), buildSessions(cast, schedule)),
  };
}

export type { World, WorldSize } from './types.ts';
