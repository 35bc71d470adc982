/**
 * What replicas sharing one state must agree on: the world they serve and the settings they start
 * with (reset returns to those). The data is never shared, only regenerated in each process, so
 * two replicas with different seeds would answer the same request differently.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { World } from '../../world/types.ts';
import type { Settings } from '../registry.ts';

/**
 * One line naming the world, the start settings and the credentials, e.g.
 * `seed=42 anchor=2025-09-30 agents=12 days=420 tickets=1200 rows=… settings={…} credentials=sha256:…`.
 * The dataset lengths catch fixture folders edited by hand under the same meta. Credentials are
 * named by a digest only: a load balancer sends any client to any replica, so all must accept the
 * same, and the replica that lists the journal redacts every replica's bodies with its own.
 */
export function stateFingerprint(world: World, startSettings: Settings, credentials: object): string {
  const { seed, anchor, size } = world.meta;
  const rows = [
    world.people.length,
    world.enneo.exportRows.length,
    world.enneo.ticketWorklogs.length,
    world.voipcube.statusLogs.length,
    world.autozod.sessions.length,
  ].join('/');
  return `seed=${seed} anchor=${anchor} agents=${size.agents} days=${size.days} tickets=${size.tickets} rows=${rows} settings=${JSON.stringify(startSettings)} credentials=sha256:${digest(credentials)}`;
}

/** The first 12 hex digits of the SHA-256 of `value` as JSON: enough to tell, nothing to recover. */
function digest(value: object): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 12);
}

/** The default name of this replica in the journal: `host:pid`. */
export function defaultReplicaName(): string {
  return `${hostname()}:${process.pid}`;
}
