/**
 * What the docs pages pre-fill for "Try it out": parameter values chosen from the world being
 * served, so that Execute answers 200 with data whatever the seed, anchor and size. The contracts
 * keep the vendors' own examples (2023 dates, ids no world holds); the served document carries
 * these instead and says so. Pure.
 */
import type { VendorName } from '../core/registry.ts';
import { sessionsOf, statusLogsOf } from '../world/duty-records.ts';
import { newestTicketId } from '../world/enneo-views.ts';
import type { World } from '../world/types.ts';

/** Parameter name (as the contract spells it, e.g. `userIds[]`) → the value to pre-fill. */
export type TryOutValues = Readonly<Record<string, unknown>>;

const MS_PER_DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant (UTC). */
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `DD-MM-YYYY` of an instant (UTC), Autozod's spelling. */
const ddmmyyyy = (ms: number) => {
  const iso = isoDay(ms);
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

/** Midnight (UTC) of the day an ISO timestamp falls on. */
const dayStart = (iso: string) => Math.floor(Date.parse(iso) / MS_PER_DAY) * MS_PER_DAY;

/**
 * The pre-filled values of one vendor's operations, taken from the newest data of the world so
 * that they lie inside any span it covers; empty when the world holds no data for the vendor.
 */
export function tryOutValues(
  vendor: VendorName,
  world: Pick<World, 'enneo' | 'voipcube' | 'autozod'>,
): TryOutValues {
  switch (vendor) {
    case 'voipcube': {
      const logs = statusLogsOf(world.voipcube);
      if (logs.length === 0) return {};
      const last = logs.log(logs.length - 1);
      // The whole UTC day of the newest log (both ends inclusive), that log's user, page 1.
      const from = dayStart(last.time);
      return {
        from: isoDay(from),
        to: isoDay(from + MS_PER_DAY),
        'userIds[]': [last.userId],
        page: 1,
        size: 25,
      };
    }
    case 'enneo': {
      // The ticket of the newest worklog entry: a ticket that has worklogs.
      const ticketId = newestTicketId(world.enneo);
      return ticketId === undefined ? {} : { ticketId };
    }
    case 'autozod': {
      const sessions = sessionsOf(world.autozod);
      if (sessions.length === 0) return {};
      const last = sessions.session(sessions.length - 1);
      // The week up to the newest session's day: a range with sessions, of an agent of that team.
      const end = dayStart(last.start);
      return {
        team_id: last.teamId,
        agent_id: last.agentId,
        type: 'on_duty',
        start_date: ddmmyyyy(end - 6 * MS_PER_DAY),
        end_date: ddmmyyyy(end),
      };
    }
  }
}
