import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/world/index.ts';
import { PENDING_REASONS } from '../../src/world/taxonomy.ts';
import { CHANNELS, EXPORT_COLUMNS, type ExportRow, type TicketWorklogEntry } from '../../src/world/types.ts';
import { enneoMs, groupBy, isoMs, peopleIndex } from './helpers.ts';

const world = generateWorld();
const rows = world.enneo.exportRows;
const entries = world.enneo.ticketWorklogs;
const pairs: [ExportRow, TicketWorklogEntry][] = rows.map((row, i) => [row, entries[i]!]);

/** Userworklog ids (or other labels) of the records that break a rule; [] when none does. */
function offenders<T>(
  items: readonly T[],
  broken: (item: T) => boolean,
  label: (item: T) => unknown,
): unknown[] {
  return items.filter(broken).map(label);
}
const byId = ([row]: [ExportRow, TicketWorklogEntry]) => row.userWorklogId;

describe('the default world: Enneo export rows', () => {
  it('has a few thousand rows and as many ticket worklog entries', () => {
    expect(rows.length).toBeGreaterThan(1_500);
    expect(entries.length).toBe(rows.length);
  });

  it('gives every row the 35 documented columns in documented order', () => {
    expect(
      offenders(
        rows,
        (r) => Object.keys(r).join() !== EXPORT_COLUMNS.join(),
        (r) => r.userWorklogId,
      ),
    ).toEqual([]);
  });

  it('numbers userWorklogId uniquely, ascending from 1, in canonical order', () => {
    expect(rows.map((r) => r.userWorklogId)).toEqual(rows.map((_, i) => i + 1));
  });

  it('orders rows by time as well (ids follow the time an entry starts)', () => {
    const dates = rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('writes date, closingDateForSLA, pendingDueBy and firstPendingAt as YYYY-MM-DD HH:MM:SS', () => {
    const form = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
    const bad = rows.filter(
      (r) =>
        !form.test(r.date) ||
        [r.closingDateForSLA, r.pendingDueBy, r.firstPendingAt].some((v) => v !== null && !form.test(v)),
    );
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('joins allTags from tags with ", " and takes topic and subTopic from the first pair', () => {
    const bad = rows.filter((r) => {
      const tags = JSON.parse(r.tags!) as string[];
      return (
        r.allTags !== tags.join(', ') ||
        r.topic !== tags[0] ||
        r.subTopic !== tags[1] ||
        tags.length % 2 !== 0 ||
        r.tags !== `[${tags.map((t) => JSON.stringify(t)).join(', ')}]`
      );
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('sends teams and aiAgentsUsed as JSON-array strings, aiAgent naming the agent used', () => {
    const bad = rows.filter((r) => {
      const teams = JSON.parse(r.teams!);
      const used = JSON.parse(r.aiAgentsUsed!);
      return !Array.isArray(teams) || !Array.isArray(used) || (used.length === 0) !== (r.aiAgent === null);
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('makes rawData the ticket as compact JSON: same id, channel and tags as the row, one string per ticket', () => {
    const bad = rows.filter((r) => {
      const raw = JSON.parse(r.rawData) as { id: number; channel: string; tags: string[]; status: string };
      return (
        raw.id !== r.ticketId ||
        raw.channel !== r.channel ||
        JSON.stringify(raw.tags) !== JSON.stringify(JSON.parse(r.tags!)) ||
        r.rawData.length > 600 ||
        JSON.stringify(raw) !== r.rawData
      );
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
    for (const group of groupBy(rows, (r) => r.ticketId).values()) {
      expect(new Set(group.map((r) => r.rawData)).size).toBe(1);
    }
  });

  it('uses channels from the documented enum and a mix of them', () => {
    expect(rows.filter((r) => !CHANNELS.includes(r.channel!)).map((r) => r.userWorklogId)).toEqual([]);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(CHANNELS.length);
  });

  it('gives every row of a ticket the same ticket-level facts', () => {
    const facts = (r: ExportRow) =>
      JSON.stringify([
        r.channel,
        r.tags,
        r.reOpened,
        r.timesSetToOpen,
        r.netSecondsClosedAfterSLA,
        r.closingDateForSLA,
        r.pendingDueBy,
        r.pendingSeconds,
        r.netPendingSeconds,
        r.firstPendingAt,
        r.aiAutomationLevel,
        r.aiAgentsUsed,
      ]);
    const bad = [...groupBy(rows, (r) => r.ticketId)].filter(
      ([, group]) => new Set(group.map(facts)).size !== 1,
    );
    expect(bad.map(([ticketId]) => ticketId)).toEqual([]);
  });

  it('sets the pending fields only on tickets that were pending, all four together', () => {
    const pendingTickets = new Set(rows.filter((r) => r.status === 'pending').map((r) => r.ticketId));
    const bad = rows.filter((r) => {
      const set = [r.pendingDueBy, r.pendingSeconds, r.netPendingSeconds, r.firstPendingAt].map(
        (v) => v !== null,
      );
      const all = set.every(Boolean);
      return (!all && set.some(Boolean)) || all !== pendingTickets.has(r.ticketId);
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
    expect(pendingTickets.size).toBeGreaterThan(20);
  });

  it('keeps pending figures consistent: net <= total, due after the start, set by a statusAction', () => {
    const bad = rows.filter(
      (r) =>
        r.pendingSeconds !== null &&
        (r.netPendingSeconds! < 0 ||
          r.netPendingSeconds! > r.pendingSeconds ||
          enneoMs(r.pendingDueBy!) <= enneoMs(r.firstPendingAt!)),
    );
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
    const setters = rows.filter((r) => r.status === 'pending');
    expect(setters.every((r) => r.action === 'statusAction')).toBe(true);
    expect(setters.every((r) => (PENDING_REASONS as readonly string[]).includes(r.statusActionDetail!))).toBe(
      true,
    );
    // The pending period starts when the status change was made.
    const startsAtChange = setters.filter(
      (r) => enneoMs(r.firstPendingAt!) !== enneoMs(r.date) + r.duration * 1000,
    );
    expect(startsAtChange.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('computes netSecondsClosedAfterSLA as closing - SLA due - net pending, null while not closed', () => {
    const bad = pairs.filter(([row, entry]) => {
      if (row.closingDateForSLA === null) return row.netSecondsClosedAfterSLA !== null;
      const due = isoMs(entry.customerExperience.dueDateForSLA!);
      const expected = (enneoMs(row.closingDateForSLA) - due) / 1000 - (row.netPendingSeconds ?? 0);
      return row.netSecondsClosedAfterSLA !== expected;
    });
    expect(bad.map(byId)).toEqual([]);
    expect(rows.some((r) => r.netSecondsClosedAfterSLA! > 0)).toBe(true);
    expect(rows.some((r) => r.netSecondsClosedAfterSLA === null)).toBe(true);
  });

  it('counts timesSetToOpen at least once for reopened tickets', () => {
    const bad = rows.filter((r) => r.reOpened === 1 && r.timesSetToOpen < 1);
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
    expect(rows.some((r) => r.reOpened === 1)).toBe(true);
  });

  it('closes a ticket with the row whose status is closed, and only AI-bot rows are autoProcessAction', () => {
    const { byEnneo } = peopleIndex(world);
    const bot = [...byEnneo.values()].find((p) => p.voipcube === null && p.enneo!.name === 'Enneo AI')!;
    const bad = rows.filter((r) => (r.action === 'autoProcessAction') !== (r.userId === bot.enneo!.userId));
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
    expect(rows.filter((r) => r.action === 'closeAction').every((r) => r.status === 'closed')).toBe(true);
  });

  it('takes name, email and teams from the Enneo user who did the work (department: see ticket-timelines)', () => {
    const { byEnneo } = peopleIndex(world);
    const bad = rows.filter((r) => {
      const user = byEnneo.get(r.userId!)?.enneo;
      return (
        !user ||
        user.name !== r.name ||
        user.email !== r.email ||
        JSON.stringify(user.teams) !== JSON.stringify(JSON.parse(r.teams!))
      );
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });

  it('keeps conversations within their ticket', () => {
    const owner = new Map<number, number>();
    const bad = rows.filter((r) => {
      if (r.conversationId === null) return false;
      const known = owner.get(r.conversationId);
      owner.set(r.conversationId, r.ticketId!);
      return known !== undefined && known !== r.ticketId;
    });
    expect(bad.map((r) => r.userWorklogId)).toEqual([]);
  });
});

describe('the default world: ticket worklog entries agree with their export rows', () => {
  it('shares the id: id = worklog.worklogId = userWorklogId', () => {
    expect(
      pairs.filter(([r, e]) => e.id !== r.userWorklogId || e.worklog.worklogId !== e.id).map(byId),
    ).toEqual([]);
  });

  it('agrees on ticketId, conversationId, userId and action', () => {
    const bad = pairs.filter(
      ([r, e]) =>
        e.ticketId !== r.ticketId ||
        e.worklog.ticketId !== r.ticketId ||
        e.worklog.conversationId !== r.conversationId ||
        e.worklog.userId !== r.userId ||
        e.worklog.action !== r.action,
    );
    expect(bad.map(byId)).toEqual([]);
  });

  it('agrees on duration and durationAfterWork', () => {
    const bad = pairs.filter(
      ([r, e]) => e.time.duration !== r.duration || e.time.durationAfterWork !== r.durationAfterWork,
    );
    expect(bad.map(byId)).toEqual([]);
  });

  it('agrees on the automation level, its AI agent and text assistance accuracy', () => {
    const bad = pairs.filter(([r, e]) => {
      const agent = e.aiUsage.aiAgents[0];
      return (
        e.aiUsage.automationLevel !== r.aiAutomationLevel ||
        (agent?.name ?? null) !== r.aiAgent ||
        JSON.stringify(e.aiUsage.aiAgents.map((a) => a.id)) !== JSON.stringify(JSON.parse(r.aiAgentsUsed!)) ||
        (agent?.textAssistanceAccuracy ?? null) !== r.textAssistanceAccuracy
      );
    });
    expect(bad.map(byId)).toEqual([]);
  });

  it('agrees on reOpened (1 = true)', () => {
    expect(pairs.filter(([r, e]) => e.customerExperience.reOpened !== (r.reOpened === 1)).map(byId)).toEqual(
      [],
    );
  });

  it('agrees on the SLA figures; an export null is 0 (not breached) in the ticket worklog', () => {
    const bad = pairs.filter(([r, e]) => {
      const ce = e.customerExperience;
      const sameClosing =
        r.closingDateForSLA === null
          ? ce.closingDateForSLA === null
          : ce.closingDateForSLA !== null && isoMs(ce.closingDateForSLA) === enneoMs(r.closingDateForSLA);
      return ce.netSecondsClosedAfterSla !== (r.netSecondsClosedAfterSLA ?? 0) || !sameClosing;
    });
    expect(bad.map(byId)).toEqual([]);
  });

  it('sets slaMet exactly when netSecondsClosedAfterSla <= 0, with both outcomes present', () => {
    const bad = entries.filter(
      (e) => e.customerExperience.slaMet !== e.customerExperience.netSecondsClosedAfterSla <= 0,
    );
    expect(bad.map((e) => e.id)).toEqual([]);
    expect(new Set(entries.map((e) => e.customerExperience.slaMet))).toEqual(new Set([true, false]));
  });

  it('adds up time.segments to duration, in order, without milliseconds, ending at latestInteraction', () => {
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
    const bad = entries.filter((e) => {
      const segs = e.time.segments;
      let sum = 0;
      let previous = Number.NEGATIVE_INFINITY;
      for (const s of segs) {
        if (!iso.test(s.from) || !iso.test(s.to)) return true;
        const from = isoMs(s.from);
        const to = isoMs(s.to);
        if (from < previous || to <= from) return true;
        previous = to;
        sum += (to - from) / 1000;
      }
      return segs.length === 0 || sum !== e.time.duration || segs.at(-1)!.to !== e.latestInteraction;
    });
    expect(bad.map((e) => e.id)).toEqual([]);
  });

  it('starts the first segment at the export row date, on the entry date', () => {
    const bad = pairs.filter(
      ([r, e]) =>
        isoMs(e.time.segments[0]!.from) !== enneoMs(r.date) ||
        e.date !== r.date.slice(0, 10) ||
        e.date !== e.latestInteraction!.slice(0, 10) ||
        e.worklog.latestInteraction !== e.latestInteraction,
    );
    expect(bad.map(byId)).toEqual([]);
  });

  it('numbers time segments, assessments and CSAT answers uniquely', () => {
    const segmentIds = entries.flatMap((e) => e.time.segments.map((s) => s.userTimeTrackingId));
    expect(new Set(segmentIds).size).toBe(segmentIds.length);
    const assessmentIds = entries.flatMap((e) => e.assessments.map((a) => a.id));
    expect(new Set(assessmentIds).size).toBe(assessmentIds.length);
    const csatIds = entries.flatMap((e) => (e.customerExperience.csat ? [e.customerExperience.csat.id] : []));
    expect(new Set(csatIds).size).toBe(csatIds.length);
  });

  it('has CSAT and assessments on some entries only', () => {
    const withCsat = entries.filter((e) => e.customerExperience.csat !== null).length;
    const assessed = entries.filter((e) => e.assessments.length > 0).length;
    expect(withCsat).toBeGreaterThan(50);
    expect(withCsat).toBeLessThan(entries.length / 2);
    expect(assessed).toBeGreaterThan(20);
    expect(assessed).toBeLessThan(entries.length / 4);
    const stars = entries.flatMap((e) =>
      e.customerExperience.csat ? [e.customerExperience.csat.answerStars] : [],
    );
    expect(stars.every((s) => s >= 1 && s <= 5)).toBe(true);
  });

  it('gives the same SLA due date to every entry of a ticket', () => {
    const bad = [...groupBy(entries, (e) => e.ticketId)].filter(
      ([, group]) => new Set(group.map((e) => e.customerExperience.dueDateForSLA)).size !== 1,
    );
    expect(bad.map(([id]) => id)).toEqual([]);
  });
});
