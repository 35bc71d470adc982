/**
 * The default world's seed, anchor and size, apart from the generator so that the CLI can show
 * them in --help without loading it (and faker).
 */
import type { WorldSize } from './types.ts';

export const DEFAULT_SEED = 42;
/** The last day of activity (UTC) of the default world. */
export const DEFAULT_ANCHOR = '2025-09-30';

/**
 * Tickets per agent per calendar day when `tickets` is not given: calibrated so that ticket work
 * fills about two thirds of an agent's on-duty time (test/world/volumes.test.ts keeps it within
 * 50–85 %). Per calendar day, so weekends, public holidays and absences are part of the rate.
 */
export const TICKETS_PER_AGENT_DAY = 12;

/**
 * The ticket count of a world of `agents` × `days` when none is given, so that `--days 420`
 * alone also gives a realistic density.
 */
export function defaultTicketCount(agents: number, days: number): number {
  return Math.round(agents * days * TICKETS_PER_AGENT_DAY);
}

/**
 * Six weeks (20 August – 30 September 2025): at a realistic density (dozens of worklogs per
 * agent-day) this keeps fixtures/ under ~30 MB and `serve`'s start under a second; longer
 * spans come by `--days` (README, "The default world").
 */
const DEFAULT_AGENTS = 12;
const DEFAULT_DAYS = 42;
export const DEFAULT_SIZE: WorldSize = Object.freeze({
  agents: DEFAULT_AGENTS,
  days: DEFAULT_DAYS,
  tickets: defaultTicketCount(DEFAULT_AGENTS, DEFAULT_DAYS),
});
