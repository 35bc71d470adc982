/**
 * What every planned ticket draws the same way, whoever handles it: channel, tags, subject,
 * priority, customer, entry durations and the AI setup.
 */
import { AUTO_PROCESS_SECONDS, HANDLE_SECONDS } from './handle-times.ts';
import type { Cast } from './people.ts';
import type { Random, WeightedTable } from './random.ts';
import { weightedTable } from './random.ts';
import type { SlotFinder } from './slots.ts';
import { PRIORITY_WEIGHTS, TAG_PAIR_WEIGHTS, TAG_PAIRS } from './taxonomy.ts';
import type { TicketAi } from './ticket-store.ts';
import type { Channel, WorklogAction } from './types.ts';

export const HOUR = 3600;

const HUMAN_LEVELS = weightedTable([
  [0, 25],
  [1, 30],
  [2, 30],
  [3, 15],
] as const);

export interface PlanContext {
  rng: Random;
  cast: Cast;
  slots: SlotFinder;
  /** First second of the world. */
  start: number;
  /** Last second of the anchor day. */
  end: number;
}

/** Channel, tag pairs (a second concern now and then), subject, priority and customer of a ticket. */
export function basics(rng: Random, channels: WeightedTable<Channel>) {
  const channel = rng.weighted(channels);
  const main = rng.weighted(TAG_PAIR_WEIGHTS);
  const pairs = [main];
  if (rng.chance(0.2)) {
    const second = rng.weighted(TAG_PAIR_WEIGHTS);
    if (TAG_PAIRS[second]!.topic !== TAG_PAIRS[main]!.topic) pairs.push(second);
  }
  const subject = rng.int(0, TAG_PAIRS[main]!.subjects.length - 1);
  return {
    channel,
    pairs,
    subject,
    priority: rng.weighted(PRIORITY_WEIGHTS),
    customerId: rng.int(100_000, 999_999),
  };
}

/** How long an action takes on a ticket of this channel, in seconds (handle-times.ts). */
export function duration(rng: Random, action: WorklogAction, channel: Channel): number {
  const [min, max] = action === 'autoProcessAction' ? AUTO_PROCESS_SECONDS : HANDLE_SECONDS[channel][action];
  return rng.int(min, max);
}

/** Whether the AI got something right (null when no AI looked at the ticket). */
function judged(rng: Random, level: number, p: number): 0 | 1 | null {
  return level === 0 ? null : rng.chance(p) ? 1 : 0;
}

/** The AI setup of a ticket worked by people (automation levels 0 to 3). */
export function planAi(rng: Random, mainPair: number): TicketAi {
  const level = rng.weighted(HUMAN_LEVELS);
  const assisted = level >= 2;
  return {
    level,
    agent: assisted ? TAG_PAIRS[mainPair]!.aiAgent : -1,
    accuracyPercent: assisted ? Math.round(55 + rng.next() * 45) : null,
    customerIdentified: judged(rng, level, 0.92),
    tagsIdentified: judged(rng, level, 0.85),
    auto: false,
  };
}
