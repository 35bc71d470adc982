/**
 * The world's Autozod sessions, grouped by agent (at router creation) and by UTC day (on an
 * agent's first request), and the teams' members, so that a request costs O(agents × days in
 * range), not O(all sessions).
 */
import { sessionsOf } from '../../src/world/duty-records.ts';
import type { World } from '../../src/world/types.ts';
import { dayOfMs, MS_PER_DAY } from './calendar-day.ts';
import type { DaySessions, SessionItem } from './summary.ts';

export interface SessionIndex {
  /** The team's agent ids, in the order of World.people; empty for an unknown team. */
  agentsOfTeam(teamId: string): readonly string[];
  /** The team an agent belongs to, or undefined for an unknown agent. */
  teamOfAgent(agentId: string): string | undefined;
  /**
   * One entry per day from startDay to endDay (inclusive, oldest first) with the sessions of the
   * given agents on that day, ordered by start then agent_id.
   */
  daysFor(agentIds: readonly string[], startDay: number, endDay: number): DaySessions[];
}

const NO_SESSIONS: readonly SessionItem[] = Object.freeze([]);
const NO_AGENTS: readonly string[] = Object.freeze([]);

/**
 * Indexes the world's people and sessions. Throws when a session's times are not valid ISO
 * timestamps or end before they start: a broken world fails at start-up, not per request.
 */
export function createSessionIndex(world: Pick<World, 'people' | 'autozod'>): SessionIndex {
  const teams = new Map<string, string[]>();
  const teamOf = new Map<string, string>();
  for (const person of world.people) {
    if (!person.autozod) continue;
    const { agentId, teamId } = person.autozod;
    teamOf.set(agentId, teamId);
    const members = teams.get(teamId);
    if (members) members.push(agentId);
    else teams.set(teamId, [agentId]);
  }

  // Checked and grouped by agent now; each agent's days are built on the first request for them,
  // so start-up does not build (and the heap does not hold) session items nobody asks for.
  const sessions = sessionsOf(world.autozod);
  const startMs = new Float64Array(sessions.length);
  const endMs = new Float64Array(sessions.length);
  const sessionsOfAgent = new Map<string, number[]>();
  for (let i = 0; i < sessions.length; i++) {
    startMs[i] = sessions.startMs(i);
    endMs[i] = sessions.endMs(i);
    if (!Number.isFinite(startMs[i]!) || !Number.isFinite(endMs[i]!) || endMs[i]! < startMs[i]!) {
      const session = sessions.session(i);
      throw new RangeError(
        `autozod session of agent ${session.agentId} has invalid times: ${session.start} → ${session.end}`,
      );
    }
    const agentId = sessions.agentId(i);
    const list = sessionsOfAgent.get(agentId);
    if (list) list.push(i);
    else sessionsOfAgent.set(agentId, [i]);
  }
  const byAgent = new Map<string, Map<number, SessionItem[]>>();
  const daysOf = (agentId: string): Map<number, SessionItem[]> | undefined => {
    let days = byAgent.get(agentId);
    if (days !== undefined) return days;
    const list = sessionsOfAgent.get(agentId);
    if (list === undefined) return undefined;
    days = new Map();
    for (const i of list) {
      for (const piece of splitAtMidnights(agentId, startMs[i]!, endMs[i]!)) {
        const day = days.get(piece.day);
        if (day) day.push(piece.item);
        else days.set(piece.day, [piece.item]);
      }
    }
    for (const day of days.values()) day.sort(compareSessions);
    byAgent.set(agentId, days);
    return days;
  };

  return {
    agentsOfTeam: (teamId) => teams.get(teamId) ?? NO_AGENTS,
    teamOfAgent: (agentId) => teamOf.get(agentId),
    daysFor(agentIds, startDay, endDay) {
      const indexes = agentIds.map(daysOf);
      const out: DaySessions[] = [];
      for (let day = startDay; day <= endDay; day++) {
        const lists: SessionItem[][] = [];
        for (const days of indexes) {
          const list = days?.get(day);
          if (list) lists.push(list);
        }
        // One agent's list is already in order and is shared read-only; several are merged into a copy.
        const sessions =
          lists.length === 0
            ? NO_SESSIONS
            : lists.length === 1
              ? lists[0]!
              : lists.flat().sort(compareSessions);
        out.push({ day, sessions });
      }
      return out;
    },
  };
}

function compareSessions(a: SessionItem, b: SessionItem): number {
  // Normalised toISOString() strings sort like their instants (years 0000–9999).
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  return a.agent_id < b.agent_id ? -1 : a.agent_id > b.agent_id ? 1 : 0;
}

/**
 * The world promises that a session never crosses a UTC midnight; should one do so anyway, it is
 * cut at each midnight so that no agent-day holds more than its 86,400 s.
 */
function splitAtMidnights(
  agentId: string,
  startMs: number,
  endMs: number,
): { day: number; item: SessionItem }[] {
  const pieces: { day: number; item: SessionItem }[] = [];
  let from = startMs;
  for (;;) {
    const day = dayOfMs(from);
    const midnight = (day + 1) * MS_PER_DAY;
    const to = Math.min(endMs, midnight);
    pieces.push({
      day,
      item: {
        agent_id: agentId,
        start: new Date(from).toISOString(),
        end: new Date(to).toISOString(),
        // Whole seconds elapsed; sub-second remainders are dropped, as a seconds counter would.
        duration_seconds: Math.floor((to - from) / 1000),
      },
    });
    if (to >= endMs) return pieces;
    from = to;
  }
}
