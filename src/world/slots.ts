/**
 * Finds free time for a worklog entry inside an agent's on-duty sessions, so that ticket work
 * happens only during shifts, never during meetings, and never overlaps the agent's other work.
 */
import type { Random } from './random.ts';
import type { AgentDay, Schedule } from './schedule.ts';
import { DAY_S } from './time.ts';

/** Where an entry goes: the agent's day and the first second of its occupied span. */
export interface Slot {
  day: AgentDay;
  start: number;
}

export interface SlotRequest {
  /** Epoch second before which the entry cannot start. */
  earliest: number;
  /** Seconds the entry occupies (segments, gaps between them and after-work). */
  length: number;
  /** Human index of the agent who should get it if on duty, or -1. */
  preferred: number;
  /** true: as early as possible after `earliest`; false: anywhere in a session that day. */
  soon: boolean;
  /** Days to look ahead before giving up. */
  horizonDays: number;
}

export class SlotFinder {
  /** Per day index, the working days of agents who work tickets (Enneo users). */
  private readonly byDay: AgentDay[][];
  private readonly all: AgentDay[];
  private readonly firstSecond: number;

  constructor(
    private readonly rng: Random,
    schedule: Schedule,
    worksTickets: (human: number) => boolean,
  ) {
    this.byDay = schedule.days.map((days) => days.filter((day) => worksTickets(day.human)));
    this.all = this.byDay.flat();
    this.firstSecond = schedule.firstDay * DAY_S;
  }

  /** Every agent working day of the world, in day order. */
  get agentDays(): readonly AgentDay[] {
    return this.all;
  }

  /** Index of the world's last (anchor) day. */
  get lastDayIndex(): number {
    return this.byDay.length - 1;
  }

  /** The agent working days on a day index. */
  onDay(dayIndex: number): readonly AgentDay[] {
    return this.byDay[dayIndex] ?? [];
  }

  /** A free span on one given agent day, anywhere in its sessions, or null. */
  placeOn(day: AgentDay, length: number, earliest: number, soon: boolean): Slot | null {
    const { sessions, busy } = day;
    // Sessions with room (at most three a day): count them, then take the first or a random one.
    let feasible = 0;
    for (let s = 0; s < sessions.length; s += 2) {
      if (Math.floor(sessions[s + 1]! / 1000) - length >= Math.max(Math.ceil(sessions[s]! / 1000), earliest))
        feasible++;
    }
    if (feasible === 0) return null;
    let pick = soon ? 0 : this.rng.int(0, feasible - 1);
    let lo = 0;
    let hi = 0;
    for (let s = 0; s < sessions.length; s += 2) {
      lo = Math.max(Math.ceil(sessions[s]! / 1000), earliest);
      hi = Math.floor(sessions[s + 1]! / 1000) - length;
      if (hi >= lo && pick-- === 0) break;
    }
    const spread = soon ? Math.min(hi - lo, 600) : hi - lo;
    const start = lo + Math.floor(this.rng.next() * (spread + 1));
    const end = start + length;
    for (let b = 0; b < busy.length; b += 2) {
      if (start < busy[b + 1]! && busy[b]! < end) return null;
    }
    busy.push(start, end);
    return { day, start };
  }

  /** The first day from `earliest` on which some agent has room, trying the preferred agent first. */
  find(request: SlotRequest): Slot | null {
    const { earliest, length, preferred, soon, horizonDays } = request;
    const firstDay = Math.max(0, Math.floor((earliest - this.firstSecond) / DAY_S));
    const lastDay = Math.min(this.byDay.length - 1, firstDay + horizonDays);
    for (let d = firstDay; d <= lastDay; d++) {
      const days = this.byDay[d]!;
      if (days.length === 0) continue;
      for (let attempt = 0; attempt < 4; attempt++) {
        const own = attempt === 0 && preferred >= 0 ? findHuman(days, preferred) : undefined;
        const slot = this.placeOn(own ?? this.rng.pick(days), length, earliest, soon);
        if (slot) return slot;
      }
    }
    return null;
  }
}

/** Binary search: a day's list is ordered by human index. */
function findHuman(days: readonly AgentDay[], human: number): AgentDay | undefined {
  let lo = 0;
  let hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const h = days[mid]!.human;
    if (h === human) return days[mid];
    if (h < human) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
