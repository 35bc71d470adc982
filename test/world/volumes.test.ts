/**
 * Realistic volumes (issue 16, item 1): ticket work fills most of an agent's on-duty time, with
 * handle times by channel and action, and chats that run side by side. Occupancy of a working
 * agent-day is the time covered by the agent's human worklog entries (each segment, and the
 * after-work right after the last one; overlapping chats counted once) divided by the agent's
 * Autozod on-duty time that UTC day. contracts/README.md ("Volumes and handle times") has the
 * figures these tests hold the world to.
 */
import { describe, expect, it } from 'vitest';
import { CHAT_CONCURRENCY } from '../../src/world/handle-times.ts';
import type { TicketWorklogEntry, World } from '../../src/world/types.ts';
import { sharedWorld } from '../support/worlds.ts';
import { groupBy, isoMs, peopleIndex } from './helpers.ts';

type Span = [number, number];

interface AgentDay {
  onDutyMs: number;
  entries: TicketWorklogEntry[];
}

/** Working agent-days (`enneoUserId|YYYY-MM-DD`) of agents who work tickets, from Autozod. */
function agentDays(world: World): Map<string, AgentDay> {
  const { byAutozod } = peopleIndex(world);
  const days = new Map<string, AgentDay>();
  for (const s of world.autozod.sessions) {
    const userId = byAutozod.get(s.agentId)!.enneo?.userId;
    if (userId === undefined) continue;
    const key = `${userId}|${s.start.slice(0, 10)}`;
    const day = days.get(key) ?? { onDutyMs: 0, entries: [] };
    day.onDutyMs += isoMs(s.end) - isoMs(s.start);
    days.set(key, day);
  }
  for (const entry of world.enneo.ticketWorklogs) {
    const day = days.get(`${entry.worklog.userId}|${entry.date}`);
    // The AI agent's entries have no on-duty time; they are no agent's work.
    if (day) day.entries.push(entry);
  }
  return days;
}

/** The time an entry keeps its agent busy: its segments and the after-work after the last one. */
function workedSpans(entry: TicketWorklogEntry): Span[] {
  const spans: Span[] = entry.time.segments.map((s) => [isoMs(s.from), isoMs(s.to)]);
  const last = spans.at(-1)![1];
  if (entry.time.durationAfterWork > 0) spans.push([last, last + entry.time.durationAfterWork * 1000]);
  return spans;
}

/** Length of the union of spans (overlaps counted once). */
function unionMs(spans: Span[]): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function occupancies(world: World): number[] {
  return [...agentDays(world).values()].map(
    (day) => unionMs(day.entries.flatMap(workedSpans)) / day.onDutyMs,
  );
}

describe('the default world: volumes', () => {
  const world = sharedWorld();
  const days = [...agentDays(world).values()];
  const rows = world.enneo.exportRows;

  it('has dozens of worklogs per working agent-day (median at least 20)', () => {
    expect(days.length).toBeGreaterThan(300);
    expect(median(days.map((d) => d.entries.length))).toBeGreaterThanOrEqual(20);
    expect(days.filter((d) => d.entries.length === 0)).toEqual([]);
  });

  it('fills 50–85 % of on-duty time with ticket work: the median and at least 90 % of agent-days', () => {
    const shares = occupancies(world);
    expect(median(shares)).toBeGreaterThanOrEqual(0.5);
    expect(median(shares)).toBeLessThanOrEqual(0.85);
    const inside = shares.filter((s) => s >= 0.5 && s <= 0.85).length;
    expect(inside / shares.length).toBeGreaterThanOrEqual(0.9);
    expect(Math.max(...shares)).toBeLessThanOrEqual(0.95);
  });

  it('orders mean handle times as documented: status < read < write; calls and visits longest', () => {
    const meanOf = (channel: string | null, action: string) =>
      mean(
        rows
          .filter((r) => (channel === null || r.channel === channel) && r.action === action)
          .map((r) => r.duration),
      );
    expect(meanOf(null, 'statusAction')).toBeLessThan(meanOf(null, 'readAction'));
    for (const channel of ['email', 'portal', 'letter', 'system', 'phone', 'chat']) {
      expect(meanOf(channel, 'readAction')).toBeLessThan(meanOf(channel, 'writeAction'));
    }
    // A phone write is the call: longer than an email reply; reading an email takes longer than
    // the glance at a ticket while the caller is on the line.
    expect(meanOf('phone', 'writeAction')).toBeGreaterThan(meanOf('email', 'writeAction'));
    expect(meanOf('phone', 'closeAction')).toBeGreaterThan(meanOf('email', 'closeAction'));
    expect(meanOf('walkIn', 'closeAction')).toBeGreaterThan(meanOf('email', 'closeAction'));
    expect(meanOf('email', 'readAction')).toBeGreaterThan(meanOf('phone', 'readAction'));
    expect(meanOf('email', 'writeAction')).toBeGreaterThan(meanOf('system', 'writeAction'));
    // The AI agent answers in seconds.
    expect(meanOf(null, 'autoProcessAction')).toBeLessThan(60);
  });

  it('adds after-work to replies and closes only, most after calls', () => {
    const afterWork = (filter: (r: (typeof rows)[number]) => boolean) =>
      mean(rows.filter(filter).map((r) => r.durationAfterWork));
    const others = rows.filter((r) => r.action !== 'writeAction' && r.action !== 'closeAction');
    expect(others.filter((r) => r.durationAfterWork !== 0)).toEqual([]);
    const phone = afterWork((r) => r.channel === 'phone' && r.action === 'closeAction');
    const email = afterWork((r) => r.channel === 'email' && r.action === 'closeAction');
    expect(phone).toBeGreaterThan(2 * email);
  });

  it(`lets chats overlap each other, never more than ${CHAT_CONCURRENCY} at once`, () => {
    let most = 0;
    for (const day of days) {
      const chats = day.entries
        .filter((e) => rows[e.id - 1]!.channel === 'chat')
        .map((e) => [
          isoMs(e.time.segments[0]!.from),
          isoMs(e.latestInteraction!) + e.time.durationAfterWork * 1000,
        ]);
      // +1 at a start, −1 at an end; an end before a start at the same instant.
      const events = chats.flatMap(([from, to]) => [
        [from!, 1],
        [to!, -1],
      ]);
      events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      let running = 0;
      for (const [, step] of events) {
        running += step!;
        most = Math.max(most, running);
      }
    }
    expect(most).toBe(CHAT_CONCURRENCY);
  });

  it("puts no ticket work into the agent's VoIPcube lunch, break, meeting or training", () => {
    const { byEnneo } = peopleIndex(world);
    const logsByUserDay = groupBy(world.voipcube.statusLogs, (l) => `${l.userId}|${l.time.slice(0, 10)}`);
    const working = new Set(['Available', 'Back office', 'Researching problem']);
    const bad: number[] = [];
    for (const day of days) {
      for (const entry of day.entries) {
        const logs = logsByUserDay.get(
          `${byEnneo.get(entry.worklog.userId)!.voipcube!.userId}|${entry.date}`,
        )!;
        for (const [from, to] of workedSpans(entry)) {
          // The status held at `from`, and every status set before `to`.
          const held = logs.filter((l) => isoMs(l.time) < to);
          const since = held.findLastIndex((l) => isoMs(l.time) <= from);
          if (held.slice(Math.max(since, 0)).some((l) => !working.has(l.status))) bad.push(entry.id);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('a world sized only by agents and days', () => {
  it('derives its ticket count so that it is as dense as the default world', () => {
    const world = sharedWorld({ size: { agents: 4, days: 90 } });
    expect(world.meta.size.tickets).toBe(4 * 90 * 12);
    const counts = [...agentDays(world).values()].map((d) => d.entries.length);
    expect(median(counts)).toBeGreaterThanOrEqual(20);
    const shares = occupancies(world);
    expect(median(shares)).toBeGreaterThanOrEqual(0.5);
    expect(median(shares)).toBeLessThanOrEqual(0.85);
  });

  it('stays sparse when an explicit ticket count asks for it', () => {
    const world = sharedWorld({ size: { agents: 4, days: 90, tickets: 200 } });
    expect(median(occupancies(world))).toBeLessThan(0.2);
  });
});
