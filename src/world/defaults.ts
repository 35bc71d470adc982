/**
 * The default world's seed, anchor and size, apart from the generator so that the CLI can show
 * them in --help without loading it (and faker).
 */
import type { WorldSize } from './types.ts';

export const DEFAULT_SEED = 42;
/** The last day of activity (UTC) of the default world. */
export const DEFAULT_ANCHOR = '2025-09-30';
/** Small enough that fixtures/ stays well under 10 MB. */
export const DEFAULT_SIZE: WorldSize = Object.freeze({ agents: 12, days: 420, tickets: 1_200 });
