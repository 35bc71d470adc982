/**
 * Finds free time for a worklog entry inside an agent's on-duty sessions, so that ticket work
 * happens only during shifts, never during meetings, and never overlaps the agent's other work,
 * except that chats overlap each other: an agent holds up to CHAT_CONCURRENCY chats at once.
 */
import { CHAT_CONCURRENCY } from './handle-times.ts';
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
  /** A chat entry: may overlap other chats (up to CHAT_CONCURRENCY at once), nothing else. */
  chat: boolean;
}

/** Seconds an agent waits, at most, before taking the next piece of work after the last one. */
const PICK_UP_S = 120;
/** Share of entries placed right after earlier work rather than anywhere in free time. */
const BACK_TO_BACK = 0.8;
/** Least-loaded of this many random agent-days gets a ticket's first step. */
const CHOICES = 3;

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

  /**
   * A free span on one given agent day, or null. `soon`: the earliest free span after
   * `earliest`; otherwise a random free span, mostly right after earlier work (agents take the
   * next ticket when they finish one), so that free time is not cut into unusable pieces.
   */
  placeOn(day: AgentDay, length: number, earliest: number, soon: boolean, chat: boolean): Slot | null {
    const starts = freeStarts(day, length, earliest, chat);
    if (starts.length === 0) return null;
    let lo: number;
    let hi: number;
    if (soon) {
      lo = starts[0]!;
      hi = Math.min(starts[1]!, lo + 600);
    } else {
      // A gap weighted by its room, so that every free second is equally likely.
      let total = 0;
      for (let g = 0; g < starts.length; g += 2) total += starts[g + 1]! - starts[g]! + 1;
      let pick = Math.floor(this.rng.next() * total);
      let g = 0;
      while (pick > starts[g + 1]! - starts[g]!) {
        pick -= starts[g + 1]! - starts[g]! + 1;
        g += 2;
      }
      lo = starts[g]!;
      hi = starts[g + 1]!;
      if (this.rng.chance(BACK_TO_BACK)) hi = Math.min(hi, lo + PICK_UP_S);
    }
    const start = lo + Math.floor(this.rng.next() * (hi - lo + 1));
    if (chat) {
      insertSorted(day.chats, start, start + length);
      day.fullChats = saturated(day.chats);
    } else insertSorted(day.busy, start, start + length);
    day.worked += length;
    return { day, start };
  }

  /** A ticket's first step: on the least loaded of a few random agent-days from `pool`. */
  placeFirst(pool: readonly AgentDay[], length: number, chat: boolean): Slot | null {
    if (pool.length === 0) return null;
    const candidates: AgentDay[] = [];
    for (let c = 0; c < CHOICES; c++) candidates.push(this.rng.pick(pool));
    candidates.sort((a, b) => load(a) - load(b));
    for (const day of candidates) {
      const slot = this.placeOn(day, length, 0, false, chat);
      if (slot) return slot;
    }
    for (let attempt = 0; attempt < 9; attempt++) {
      const slot = this.placeOn(this.rng.pick(pool), length, 0, false, chat);
      if (slot) return slot;
    }
    return null;
  }

  /** The first day from `earliest` on which some agent has room, trying the preferred agent first. */
  find(request: SlotRequest): Slot | null {
    const { earliest, length, preferred, soon, horizonDays, chat } = request;
    const firstDay = Math.max(0, Math.floor((earliest - this.firstSecond) / DAY_S));
    const lastDay = Math.min(this.byDay.length - 1, firstDay + horizonDays);
    for (let d = firstDay; d <= lastDay; d++) {
      const days = this.byDay[d]!;
      if (days.length === 0) continue;
      for (let attempt = 0; attempt < 4; attempt++) {
        const own = attempt === 0 && preferred >= 0 ? findHuman(days, preferred) : undefined;
        const slot = this.placeOn(own ?? this.rng.pick(days), length, earliest, soon, chat);
        if (slot) return slot;
      }
    }
    return null;
  }
}

/** Share of a day's on-duty time already given to ticket work. */
function load(day: AgentDay): number {
  let onDuty = 0;
  for (let s = 0; s < day.sessions.length; s += 2) onDuty += day.sessions[s + 1]! - day.sessions[s]!;
  return (day.worked * 1000) / onDuty;
}

/** Scratch output of freeStarts (one placement at a time; generation is synchronous). */
const scratch: number[] = [];

/**
 * The free start ranges of an entry of `length` seconds on a day, as [first, last, ...] in
 * epoch seconds, ascending: inside a session, from `earliest`, clear of everything it may not
 * overlap. Walks the two sorted lists it must avoid side by side, without allocating: a big
 * world calls this millions of times.
 */
function freeStarts(day: AgentDay, length: number, earliest: number, chat: boolean): number[] {
  const a = day.busy;
  const b = chat ? day.fullChats : day.chats;
  const starts = scratch;
  starts.length = 0;
  const { sessions } = day;
  for (let s = 0; s < sessions.length; s += 2) {
    let lo = Math.max(Math.ceil(sessions[s]! / 1000), earliest);
    const end = Math.floor(sessions[s + 1]! / 1000);
    if (end - lo < length) continue;
    let i = 0;
    let j = 0;
    for (;;) {
      // The next blocked span by start, from either list.
      let from: number;
      let to: number;
      if (i < a.length && (j >= b.length || a[i]! <= b[j]!)) {
        from = a[i]!;
        to = a[i + 1]!;
        i += 2;
      } else if (j < b.length) {
        from = b[j]!;
        to = b[j + 1]!;
        j += 2;
      } else break;
      if (to <= lo) continue;
      if (from >= end) break;
      if (from - lo >= length) starts.push(lo, from - length);
      lo = Math.max(lo, to);
    }
    if (end - lo >= length) starts.push(lo, end - length);
  }
  return starts;
}

/** Adds [start, end] to a list kept ordered by start. */
function insertSorted(list: number[], start: number, end: number): void {
  let i = list.length;
  while (i > 0 && list[i - 2]! > start) i -= 2;
  list.splice(i, 0, start, end);
}

/** Where CHAT_CONCURRENCY chats already run at once: no further chat may start or run there. */
function saturated(chats: readonly number[]): number[] {
  if (chats.length < 2 * CHAT_CONCURRENCY) return [];
  // Sweep over the chat spans' ends (+1 at a start, −1 at an end; ends before starts at a tie).
  const events: number[] = [];
  for (let c = 0; c < chats.length; c += 2) events.push(chats[c]! * 2 + 1, chats[c + 1]! * 2);
  events.sort((x, y) => x - y);
  const full: number[] = [];
  let running = 0;
  let since = 0;
  for (const event of events) {
    const at = Math.floor(event / 2);
    if (event % 2 === 1) {
      if (++running === CHAT_CONCURRENCY) since = at;
    } else if (running-- === CHAT_CONCURRENCY && at > since) full.push(since, at);
  }
  return full;
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
