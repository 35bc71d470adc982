/**
 * Who works when. One schedule drives all three vendors: VoIPcube statuses and Autozod sessions
 * are derived from each working day's on-duty sessions, and Enneo worklog entries are placed
 * inside them.
 */

import { isPublicHoliday, localMidnightMs } from './calendar.ts';
import type { Cast, Human } from './people.ts';
import { SHIFT_TOLERANCE_MINUTES, SHIFTS } from './people.ts';
import { Random } from './random.ts';
import { weekday } from './time.ts';

/** A status an agent holds for a while inside a session (then returns to "Available"). */
export interface DutyInterlude {
  status: string;
  start: number;
  end: number;
}

/** One human's working day. */
export interface AgentDay {
  /** Index into Cast.humans. */
  human: number;
  /** Index of the day within the world (0 = first day). */
  dayIndex: number;
  /** On-duty sessions as [start, end, start, end, ...] in epoch ms, ascending and disjoint. */
  sessions: number[];
  /** Meetings, trainings, customer visits ... inside the sessions, ascending and disjoint. */
  interludes: DutyInterlude[];
  /**
   * Time the agent cannot spend on tickets, as [start, end, ...] in epoch seconds, ordered by
   * start: meetings and trainings, and the (non-chat) worklog entries the ticket planner places.
   */
  busy: number[];
  /** Chat entries, [start, end, ...] in epoch seconds by start: they may overlap each other. */
  chats: number[];
  /** Where the agent already holds the most chats at once (slots.ts), [start, end, ...]. */
  fullChats: number[];
  /** Seconds of ticket work placed on this day so far (spans), to spread work evenly. */
  worked: number;
}

export interface Schedule {
  firstDay: number;
  dayCount: number;
  /** Per day index, the humans on duty that day, by human index. */
  days: AgentDay[][];
}

const MINUTE = 60_000;

interface Absence {
  /** Working days of absence still to come. */
  remaining: number;
}

function worksOn(human: Human, epochDay: number): boolean {
  const wd = weekday(epochDay);
  if (wd === 0) return false;
  // A two-week Saturday rota: half of the rota works even weeks, the other half odd weeks.
  if (wd === 6) return human.saturdays && Math.floor(epochDay / 7) % 2 === human.person % 2;
  return true;
}

/** Draws a time inside [minute, minute + 1) of the local day that starts at `dayStart`, as epoch ms. */
function at(rng: Random, dayStart: number, minute: number): number {
  return dayStart + Math.round(minute) * MINUTE + rng.int(0, MINUTE - 1);
}

function buildSessions(rng: Random, human: Human, dayStart: number): number[] {
  const shift = SHIFTS[human.shift]!;
  const earliest = shift.startMinute - SHIFT_TOLERANCE_MINUTES.beforeStart;
  const latest = shift.endMinute + SHIFT_TOLERANCE_MINUTES.afterEnd;
  const startMinute = Math.max(earliest, shift.startMinute + rng.int(-8, 10));
  let endMinute = Math.min(latest - 1, shift.endMinute + rng.int(-10, 25));
  // A short day now and then (appointment, half day off).
  if (rng.chance(0.04)) endMinute = startMinute + rng.int(180, 270);
  const start = at(rng, dayStart, startMinute);
  const end = at(rng, dayStart, endMinute);
  const length = endMinute - startMinute;
  const roll = rng.next();
  if (length < 300 || roll < 0.08) return [start, end];

  const lunchStartMinute = startMinute + Math.round(length * (0.42 + rng.next() * 0.12));
  const lunchStart = at(rng, dayStart, lunchStartMinute);
  const lunchEnd = at(rng, dayStart, lunchStartMinute + rng.int(30, 60));
  if (roll < 0.8) return [start, lunchStart, lunchEnd, end];

  // A short break as well, in the longer half, well away from its ends.
  const [from, to] = lunchStart - start > end - lunchEnd ? [start, lunchStart] : [lunchEnd, end];
  const breakStart = from + 45 * MINUTE + Math.floor(rng.next() * (to - from - 105 * MINUTE));
  const breakEnd = breakStart + rng.int(10, 20) * MINUTE + rng.int(0, MINUTE - 1);
  // The break splits the session that contains it; sorting keeps [start, end] pairs.
  return [start, lunchStart, lunchEnd, end, breakStart, breakEnd].sort((a, b) => a - b);
}

const AGENT_INTERLUDES: readonly { status: string; chance: number; minutes: [number, number] }[] = [
  { status: 'Meeting', chance: 0.12, minutes: [30, 60] },
  { status: 'Training', chance: 0.03, minutes: [60, 120] },
  { status: 'Back office', chance: 0.3, minutes: [20, 75] },
  { status: 'Researching problem', chance: 0.25, minutes: [5, 25] },
];

/** Statuses during which an agent does not work tickets. */
const BLOCKING = new Set(['Meeting', 'Training']);

function buildInterludes(rng: Random, human: Human, sessions: number[]): DutyInterlude[] {
  const wanted: { status: string; length: number }[] = [];
  if (human.technician) {
    const visits = rng.int(1, 3);
    for (let i = 0; i < visits; i++)
      wanted.push({ status: 'Customer visit', length: rng.int(45, 120) * MINUTE });
    if (rng.chance(0.2)) wanted.push({ status: 'Back office', length: rng.int(20, 60) * MINUTE });
  } else {
    for (const kind of AGENT_INTERLUDES) {
      if (rng.chance(kind.chance)) {
        wanted.push({ status: kind.status, length: rng.int(kind.minutes[0], kind.minutes[1]) * MINUTE });
      }
    }
  }
  const placed: DutyInterlude[] = [];
  for (const { status, length } of wanted) {
    const s = 2 * rng.int(0, sessions.length / 2 - 1);
    const from = sessions[s]! + 5 * MINUTE;
    const to = sessions[s + 1]! - 5 * MINUTE - length;
    if (to <= from) continue;
    const start = from + Math.floor(rng.next() * (to - from));
    const end = start + length + rng.int(0, MINUTE - 1);
    if (placed.some((p) => start < p.end + MINUTE && p.start < end + MINUTE)) continue;
    placed.push({ status, start, end });
  }
  return placed.sort((a, b) => a.start - b.start);
}

/**
 * Plans every human's working days over [firstDay, firstDay + dayCount) (epoch days). Agents
 * work Monday to Friday (a rota also on Saturdays), take holidays and fall ill now and then; the
 * last day always has an agent on duty so that the newest activity is on the anchor day.
 */
export function planSchedule(seed: number, cast: Cast, firstDay: number, dayCount: number): Schedule {
  const days: AgentDay[][] = Array.from({ length: dayCount }, () => []);
  const lastIndex = dayCount - 1;
  cast.humans.forEach((human, humanIndex) => {
    const rng = new Random(seed, 'schedule', human.person, human.technician ? 'technician' : 'agent');
    const absence: Absence = { remaining: 0 };
    for (let d = 0; d < dayCount; d++) {
      const epochDay = firstDay + d;
      const wd = weekday(epochDay);
      // Holidays start on Mondays; sick days any working day.
      if (absence.remaining === 0 && wd === 1 && rng.chance(0.05)) absence.remaining = rng.pick([5, 5, 10]);
      if (absence.remaining === 0 && rng.chance(0.02)) absence.remaining = rng.int(1, 3);
      // The centre closes on public holidays (an on-call agent covers the anchor day, see below).
      const scheduled = worksOn(human, epochDay) && !isPublicHoliday(epochDay);
      if (!scheduled) continue;
      if (absence.remaining > 0) {
        absence.remaining--;
        continue;
      }
      const dayStart = localMidnightMs(epochDay);
      const sessions = buildSessions(rng, human, dayStart);
      const interludes = buildInterludes(rng, human, sessions);
      days[d]!.push({
        human: humanIndex,
        dayIndex: d,
        sessions,
        interludes,
        busy: blockedSeconds(interludes),
        chats: [],
        fullChats: [],
        worked: 0,
      });
    }
  });
  ensureAnchorCover(seed, cast, firstDay, days, lastIndex);
  return { firstDay, dayCount, days };
}

function blockedSeconds(interludes: DutyInterlude[]): number[] {
  const busy: number[] = [];
  for (const { status, start, end } of interludes) {
    if (BLOCKING.has(status)) busy.push(Math.floor(start / 1000), Math.ceil(end / 1000));
  }
  return busy;
}

/** Puts an agent (on-call) on duty on the last day when the rota leaves it empty. */
function ensureAnchorCover(
  seed: number,
  cast: Cast,
  firstDay: number,
  days: AgentDay[][],
  last: number,
): void {
  const lastDay = days[last];
  if (!lastDay || lastDay.some((day) => cast.humans[day.human]!.enneo !== null)) return;
  const humanIndex = cast.humans.findIndex((human) => human.enneo !== null);
  if (humanIndex < 0) return;
  const rng = new Random(seed, 'on-call', firstDay + last);
  const human = cast.humans[humanIndex]!;
  const sessions = buildSessions(rng, human, localMidnightMs(firstDay + last));
  const interludes = buildInterludes(rng, human, sessions);
  lastDay.push({
    human: humanIndex,
    dayIndex: last,
    sessions,
    interludes,
    busy: blockedSeconds(interludes),
    chats: [],
    fullChats: [],
    worked: 0,
  });
  lastDay.sort((a, b) => a.human - b.human);
}
