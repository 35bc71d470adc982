/**
 * What replicas sharing one state must agree on: the world they serve and the settings they start
 * with (reset returns to those). The data is never shared, only regenerated in each process, so
 * two replicas with different seeds would answer the same request differently.
 */
import { hostname } from 'node:os';
import type { World } from '../../world/types.ts';
import type { Settings } from '../registry.ts';

/**
 * One line naming the world and the start settings, e.g.
 * `seed=42 anchor=2025-09-30 agents=12 days=420 tickets=1200 rows=… settings={…}`. The dataset
 * lengths catch fixture folders edited by hand under the same meta.
 */
export function stateFingerprint(world: World, startSettings: Settings): string {
  const { seed, anchor, size } = world.meta;
  const rows = [
    world.people.length,
    world.enneo.exportRows.length,
    world.enneo.ticketWorklogs.length,
    world.voipcube.statusLogs.length,
    world.autozod.sessions.length,
  ].join('/');
  return `seed=${seed} anchor=${anchor} agents=${size.agents} days=${size.days} tickets=${size.tickets} rows=${rows} settings=${JSON.stringify(startSettings)}`;
}

/** The default name of this replica in the journal: `host:pid`. */
export function defaultReplicaName(): string {
  return `${hostname()}:${process.pid}`;
}
