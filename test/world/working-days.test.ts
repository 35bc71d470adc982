import { describe, expect, it } from 'vitest';
import { localMidnightMs } from '../../src/world/calendar.ts';
import { DEFAULT_ANCHOR, generateWorld } from '../../src/world/index.ts';
import { SHIFT_TOLERANCE_MINUTES, SHIFTS } from '../../src/world/people.ts';
import { DAY_MS, dayMs, enneoMs, groupBy, isoMs, peopleIndex } from './helpers.ts';

const world = generateWorld();
const logs = world.voipcube.statusLogs;
const sessions = world.autozod.sessions;
const rows = world.enneo.exportRows;
const { byEnneo, byVoipcube, byAutozod } = peopleIndex(world);
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STATUSES = new Set([
  'Available',
  'Customer visit',
  'Researching problem',
  'Lunch',
  'Meeting',
  'Training',
  'Break',
  'Back office',
  '',
]);

/** Autozod sessions per `agentId|YYYY-MM-DD`, as [start, end] ms. */
const sessionsByAgentDay = new Map<string, [number, number][]>();
for (const s of sessions) {
  const key = `${s.agentId}|${s.start.slice(0, 10)}`;
  const list = sessionsByAgentDay.get(key) ?? [];
  list.push([isoMs(s.start), isoMs(s.end)]);
  sessionsByAgentDay.set(key, list);
}
/** VoIPcube logs per `userId|YYYY-MM-DD`, in time order. */
const logsByUserDay = groupBy(logs, (l) => `${l.userId}|${l.time.slice(0, 10)}`);

describe('the default world: VoIPcube status changes', () => {
  it('are sorted by time, then userId', () => {
    const bad = logs.filter((l, i) => {
      const prev = logs[i - 1];
      return prev !== undefined && (prev.time > l.time || (prev.time === l.time && prev.userId > l.userId));
    });
    expect(bad).toEqual([]);
  });

  it('use ISO 8601 UTC times with milliseconds and the custom status list ("" = cleared)', () => {
    expect(logs.filter((l) => !ISO_MS.test(l.time) || !STATUSES.has(l.status))).toEqual([]);
    expect(new Set(logs.map((l) => l.status))).toEqual(STATUSES);
  });

  it('belong to people who have a VoIPcube user', () => {
    expect(logs.filter((l) => !byVoipcube.has(l.userId)).map((l) => l.userId)).toEqual([]);
  });

  it('start each working day with Available and clear the status ("") as its last change', () => {
    const bad = [...logsByUserDay].filter(
      ([, day]) =>
        day[0]!.status !== 'Available' ||
        day.at(-1)!.status !== '' ||
        day.slice(0, -1).some((l) => l.status === ''),
    );
    expect(bad.map(([key]) => key)).toEqual([]);
  });
});

describe('the default world: Autozod on-duty sessions', () => {
  it('are sorted by start, then agentId', () => {
    const bad = sessions.filter((s, i) => {
      const prev = sessions[i - 1];
      return (
        prev !== undefined && (prev.start > s.start || (prev.start === s.start && prev.agentId > s.agentId))
      );
    });
    expect(bad).toEqual([]);
  });

  it('end after they start, on the same UTC day, with ISO times in milliseconds', () => {
    const bad = sessions.filter(
      (s) =>
        !ISO_MS.test(s.start) ||
        !ISO_MS.test(s.end) ||
        s.end <= s.start ||
        s.start.slice(0, 10) !== s.end.slice(0, 10),
    );
    expect(bad).toEqual([]);
  });

  it('number one to three per agent and working day, without overlapping', () => {
    const bad = [...sessionsByAgentDay].filter(
      ([, day]) =>
        day.length < 1 || day.length > 3 || day.some(([start], i) => i > 0 && start <= day[i - 1]![1]),
    );
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it("carry the person's Autozod team", () => {
    expect(sessions.filter((s) => byAutozod.get(s.agentId)?.autozod?.teamId !== s.teamId)).toEqual([]);
  });

  it('fall inside one of the contact centre shifts per agent, in Berlin time (with log-in tolerance)', () => {
    const minuteOfDay = (ms: number) => (ms - localMidnightMs(Math.floor(ms / DAY_MS))) / 60_000;
    const fits = (shift: (typeof SHIFTS)[number], [start, end]: [number, number]) =>
      minuteOfDay(start) >= shift.startMinute - SHIFT_TOLERANCE_MINUTES.beforeStart &&
      minuteOfDay(end) <= shift.endMinute + SHIFT_TOLERANCE_MINUTES.afterEnd;
    const perAgent = groupBy(sessions, (s) => s.agentId);
    const bad = [...perAgent].filter(
      ([, list]) => !SHIFTS.some((shift) => list.every((s) => fits(shift, [isoMs(s.start), isoMs(s.end)]))),
    );
    expect(bad.map(([agentId]) => agentId)).toEqual([]);
  });

  it('happen mostly Monday to Friday, a few on Saturdays, never on Sundays', () => {
    const weekdays = sessions.map((s) => new Date(s.start).getUTCDay());
    // Sundays only when the anchor falls on one (an agent is then on call); 2025-09-30 is a Tuesday.
    expect(weekdays.filter((d) => d === 0).length).toBe(0);
    const saturdays = weekdays.filter((d) => d === 6).length;
    expect(saturdays).toBeGreaterThan(0);
    expect(saturdays).toBeLessThan(sessions.length / 20);
  });
});

describe('the default world: one set of working days across the vendors', () => {
  it('gives every person the same working days in VoIPcube and Autozod', () => {
    const voipcubeDays = new Set(
      [...logsByUserDay.keys()].map((key) => {
        const [userId, day] = key.split('|');
        return `${byVoipcube.get(userId!)!.autozod!.agentId}|${day}`;
      }),
    );
    expect([...voipcubeDays].sort()).toEqual([...sessionsByAgentDay.keys()].sort());
  });

  it('goes Available when a session starts and off (Lunch, Break or "") when one ends', () => {
    const bad: string[] = [];
    for (const [key, day] of logsByUserDay) {
      const [userId, date] = key.split('|');
      const agentId = byVoipcube.get(userId!)!.autozod!.agentId;
      const onDuty = sessionsByAgentDay.get(`${agentId}|${date}`)!;
      const changes = day.map((l) => [isoMs(l.time), l.status] as const);
      for (const [start, end] of onDuty) {
        const near = (t: number, statuses: string[]) =>
          changes.some(([time, status]) => Math.abs(time - t) <= 150_000 && statuses.includes(status));
        if (!near(start, ['Available']) || !near(end, ['Lunch', 'Break', ''])) bad.push(`${key} ${start}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("places every human's worklog entry (and its after-work) inside one of their Autozod sessions", () => {
    const bad = rows.filter((r) => {
      const person = byEnneo.get(r.userId!)!;
      if (!person.autozod) return false; // the AI bot and the admin do not work shifts
      const start = enneoMs(r.date);
      const entry = world.enneo.ticketWorklogs[r.userWorklogId! - 1]!;
      const end = isoMs(entry.latestInteraction!) + r.durationAfterWork * 1000;
      const onDuty = sessionsByAgentDay.get(`${person.autozod.agentId}|${r.date.slice(0, 10)}`) ?? [];
      return !onDuty.some(([from, to]) => from <= start && end <= to);
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('finds the agent Available, in back office or researching (not at lunch or in a meeting) when an entry starts', () => {
    const bad = rows.filter((r) => {
      const person = byEnneo.get(r.userId!)!;
      if (!person.voipcube) return false;
      const start = enneoMs(r.date);
      const day = logsByUserDay.get(`${person.voipcube.userId}|${r.date.slice(0, 10)}`) ?? [];
      const current = day.filter((l) => isoMs(l.time) <= start).at(-1);
      return !current || !['Available', 'Back office', 'Researching problem'].includes(current.status);
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it("never overlaps one agent's worklog entries, except chats with chats", () => {
    const bad: number[] = [];
    for (const [userId, list] of groupBy(rows, (r) => r.userId)) {
      if (!byEnneo.get(userId!)!.autozod) continue;
      const spans = list
        .map((r) => {
          const entry = world.enneo.ticketWorklogs[r.userWorklogId! - 1]!;
          const end = isoMs(entry.latestInteraction!) + r.durationAfterWork * 1000;
          return { start: enneoMs(r.date), end, id: r.userWorklogId!, chat: r.channel === 'chat' };
        })
        .sort((a, b) => a.start - b.start);
      // Against every earlier span still running: anything for a non-chat entry, non-chats for a chat.
      let endAll = Number.NEGATIVE_INFINITY;
      let endOther = Number.NEGATIVE_INFINITY;
      for (const span of spans) {
        if (span.start < (span.chat ? endOther : endAll)) bad.push(span.id);
        endAll = Math.max(endAll, span.end);
        if (!span.chat) endOther = Math.max(endOther, span.end);
      }
    }
    expect(bad).toEqual([]);
    expect(rows.some((r) => r.channel === 'chat')).toBe(true);
  });

  it('spans the six weeks of the default size and has its newest activity on the anchor day, in every vendor', () => {
    const anchor = dayMs(DEFAULT_ANCHOR);
    const firstTimes = [isoMs(logs[0]!.time), isoMs(sessions[0]!.start), enneoMs(rows[0]!.date)];
    // 42 days: the first activity is on the first day, 20 August 2025, during its working hours —
    // 40 whole days and some hours before the anchor day begins.
    for (const first of firstTimes) expect(Math.floor((anchor - first) / DAY_MS)).toBe(40);
    expect(logs.at(-1)!.time.slice(0, 10)).toBe(DEFAULT_ANCHOR);
    expect(sessions.at(-1)!.end.slice(0, 10)).toBe(DEFAULT_ANCHOR);
    expect(rows.at(-1)!.date.slice(0, 10)).toBe(DEFAULT_ANCHOR);
    const latest = Math.max(
      ...sessions.map((s) => isoMs(s.end)),
      ...rows.map((r) => enneoMs(r.date)),
      ...rows.flatMap((r) => (r.closingDateForSLA ? [enneoMs(r.closingDateForSLA)] : [])),
      ...rows.flatMap((r) => (r.firstPendingAt ? [enneoMs(r.firstPendingAt)] : [])),
    );
    expect(latest).toBeLessThan(anchor + DAY_MS);
    expect(latest).toBeGreaterThanOrEqual(anchor);
  });

  it('fills every month of VoIPcube’s one-year window in a world of 420 days (--days 420)', () => {
    const long = generateWorld({ size: { days: 420, tickets: 0 } });
    const months = new Set(long.voipcube.statusLogs.map((l) => l.time.slice(0, 7)));
    // August 2024 to September 2025.
    expect(months.size).toBe(14);
  });
});
