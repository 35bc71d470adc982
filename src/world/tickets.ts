/**
 * Plans Enneo tickets as they live through the world: created by a customer, read, answered,
 * set to pending while the customer is away, closed, sometimes reopened, or closed at once by
 * the AI agent. Each step is one user worklog entry; the export rows and the per-ticket worklog
 * are two views of these entries (see enneo-views.ts).
 */
import type { Cast } from './people.ts';
import type { Random, WeightedTable } from './random.ts';
import { weightedTable } from './random.ts';
import type { Slot, SlotFinder } from './slots.ts';
import {
  BOT_CHANNELS,
  HUMAN_CHANNELS,
  LIVE_CHANNELS,
  PENDING_REASONS,
  PRIORITY_WEIGHTS,
  SLA_HOURS,
  TAG_PAIR_WEIGHTS,
  TAG_PAIRS,
} from './taxonomy.ts';
import type { PendingPeriod, PlannedEntry, PlannedTicket, TicketAi, TicketStatus } from './ticket-store.ts';
import { TicketStore } from './ticket-store.ts';
import { DAY_S, weekendSeconds } from './time.ts';
import type { Channel, WorklogAction } from './types.ts';

const DURATION: Readonly<Record<WorklogAction, readonly [number, number]>> = {
  readAction: [20, 180],
  writeAction: [120, 900],
  statusAction: [10, 60],
  closeAction: [120, 900],
  autoProcessAction: [4, 40],
};

const HUMAN_LEVELS = weightedTable([
  [0, 25],
  [1, 30],
  [2, 30],
  [3, 15],
] as const);

const HOUR = 3600;

type Step = 'read' | 'write' | 'pend' | 'close' | 'reopenRead' | 'reclose';

export interface PlanContext {
  rng: Random;
  cast: Cast;
  slots: SlotFinder;
  /** First second of the world. */
  start: number;
  /** Last second of the anchor day. */
  end: number;
}

/**
 * Plans `count` tickets. About one in nine is handled by the AI agent alone; the last ticket is
 * worked on the anchor day so that the export's newest row is on the anchor day. A ticket that
 * finds no free agent time at all is left out, so a world far busier than its staff can handle
 * has fewer tickets than asked for.
 */
export function planTickets(context: PlanContext, count: number): TicketStore {
  const store = new TicketStore(count);
  for (let i = 0; i < count; i++) {
    const anchorDay = i === count - 1;
    const ticket =
      !anchorDay && context.rng.chance(0.11) ? planBotTicket(context) : planHumanTicket(context, anchorDay);
    if (ticket) store.add(ticket);
  }
  return store;
}

function basics(rng: Random, channels: WeightedTable<Channel>) {
  const channel = rng.weighted(channels);
  const main = rng.weighted(TAG_PAIR_WEIGHTS);
  const pairs = [main];
  if (rng.chance(0.2)) {
    const second = rng.weighted(TAG_PAIR_WEIGHTS);
    if (TAG_PAIRS[second]!.topic !== TAG_PAIRS[main]!.topic) pairs.push(second);
  }
  const subject = rng.int(0, TAG_PAIRS[main]!.subjects.length - 1);
  return {
    channel,
    pairs,
    subject,
    priority: rng.weighted(PRIORITY_WEIGHTS),
    customerId: rng.int(100_000, 999_999),
  };
}

function duration(rng: Random, action: WorklogAction): number {
  const [min, max] = DURATION[action];
  return rng.int(min, max);
}

function planBotTicket({ rng, cast, start, end }: PlanContext): PlannedTicket {
  const base = basics(rng, BOT_CHANNELS);
  // Customers write around the clock, mostly in the daytime; the AI agent answers within seconds
  // (and never across midnight, so that an entry stays on one day in both views).
  const day = rng.int(0, Math.floor((end - start) / DAY_S));
  const second = rng.chance(0.8) ? rng.int(6 * HOUR, 22 * HOUR - 1) : rng.int(0, DAY_S - 200);
  const createdAt = Math.min(start + day * DAY_S + second, end - 600);
  const from = createdAt + rng.int(5, 90);
  const to = from + duration(rng, 'autoProcessAction');
  return {
    createdAt,
    channel: base.channel,
    pairs: base.pairs,
    subject: base.subject,
    priority: base.priority,
    customerId: base.customerId,
    dueAt: createdAt + SLA_HOURS[base.channel] * HOUR,
    closedAt: to,
    status: 'closed',
    pending: null,
    timesSetToOpen: 0,
    reopened: false,
    ai: {
      level: 5,
      agent: TAG_PAIRS[base.pairs[0]!]!.aiAgent,
      accuracyPercent: null,
      customerIdentified: 1,
      tagsIdentified: 1,
      auto: true,
    },
    conversations: 2,
    entries: [
      {
        userId: cast.bot.userId,
        action: 'autoProcessAction',
        segments: [from, to],
        afterWork: 0,
        status: 'closed',
        statusDetail: -1,
        conversation: 1,
        skipped: null,
        csat: rng.chance(0.15),
        assessments: 0,
      },
    ],
  };
}

/** Whether the AI got something right (null when no AI looked at the ticket). */
function judged(rng: Random, level: number, p: number): 0 | 1 | null {
  return level === 0 ? null : rng.chance(p) ? 1 : 0;
}

function planAi(rng: Random, mainPair: number): TicketAi {
  const level = rng.weighted(HUMAN_LEVELS);
  const assisted = level >= 2;
  return {
    level,
    agent: assisted ? TAG_PAIRS[mainPair]!.aiAgent : -1,
    accuracyPercent: assisted ? Math.round(55 + rng.next() * 45) : null,
    customerIdentified: judged(rng, level, 0.92),
    tagsIdentified: judged(rng, level, 0.85),
    auto: false,
  };
}

function planSteps(rng: Random, live: boolean): Step[] {
  const steps: Step[] = [];
  if (rng.chance(live ? 0.05 : 0.3)) steps.push('read');
  if (rng.chance(live ? 0.08 : 0.25)) steps.push('write', 'pend', 'close');
  else if (rng.chance(live ? 0.15 : 0.3)) steps.push('write', 'close');
  else steps.push('close');
  if (rng.chance(0.08)) {
    if (steps.length < 4 && rng.chance(0.5)) steps.push('reopenRead');
    steps.push('reclose');
  }
  return steps;
}

/** Lays out an entry: one segment, or two with a pause, and after-work for replies. */
function layout(rng: Random, action: WorklogAction): { lengths: number[]; gap: number; afterWork: number } {
  const total = duration(rng, action);
  const replies = action === 'writeAction' || action === 'closeAction';
  const afterWork = replies && rng.chance(0.7) ? rng.int(10, 180) : 0;
  if (total >= 300 && rng.chance(0.2)) {
    const first = rng.int(60, total - 60);
    return { lengths: [first, total - first], gap: rng.int(60, 600), afterWork };
  }
  return { lengths: [total], gap: 0, afterWork };
}

function planHumanTicket(context: PlanContext, anchorDay: boolean): PlannedTicket | null {
  const { rng, cast, slots, start, end } = context;
  const base = basics(rng, HUMAN_CHANNELS);
  const live = LIVE_CHANNELS.has(base.channel);
  const steps = planSteps(rng, live);
  const ai = planAi(rng, base.pairs[0]!);

  const entries: PlannedEntry[] = [];
  let conversations = 1;
  let inbound = 0;
  let status: TicketStatus = 'open';
  let owner = -1;
  let last = -1;
  let createdAt = 0;
  let dueAt = 0;
  let closedAt: number | null = null;
  let pending: PendingPeriod | null = null;
  let timesSetToOpen = 0;
  let reopened = false;
  /** When the next step may start; null = the ticket waits beyond the anchor. */
  let ready: number | null = 0;
  let soon = false;

  for (let index = 0; index < steps.length && ready !== null; index++) {
    const step = steps[index]!;
    const action: WorklogAction =
      step === 'read' || step === 'reopenRead'
        ? 'readAction'
        : step === 'write'
          ? 'writeAction'
          : step === 'pend'
            ? 'statusAction'
            : 'closeAction';
    const shape = layout(rng, action);
    let length = shape.gap + shape.afterWork;
    for (const part of shape.lengths) length += part;
    const slot =
      index === 0
        ? firstSlot(context, length, anchorDay)
        : slots.find({
            earliest: ready,
            length,
            preferred: soon ? last : rng.chance(0.75) ? owner : -1,
            soon,
            horizonDays: 10,
          });
    if (!slot) {
      if (index === 0) return null;
      break;
    }
    const human = cast.humans[slot.day.human]!;
    last = slot.day.human;
    if (index === 0) {
      owner = slot.day.human;
      const lag = live ? rng.int(5, 90) : 60 + Math.round(rng.exponential(5 * HOUR));
      createdAt = Math.max(start, slot.start - lag);
      dueAt = createdAt + SLA_HOURS[base.channel] * HOUR;
    }
    const segments = segmentsAt(slot, shape.lengths, shape.gap);
    const finished = segments[segments.length - 1]!;
    const entry: PlannedEntry = {
      userId: human.enneo!.userId,
      action,
      segments,
      afterWork: shape.afterWork,
      status,
      statusDetail: -1,
      conversation: action === 'readAction' ? inbound : action === 'statusAction' ? -1 : conversations++,
      skipped: action === 'readAction' && rng.chance(0.03) ? 1 : 0,
      csat: false,
      assessments: rng.chance(0.06) ? rng.int(1, 2) : 0,
    };
    entries.push(entry);
    const done = finished + shape.afterWork;
    soon = false;

    if (step === 'read') {
      soon = rng.chance(0.6);
      ready = done + (soon ? 5 : Math.round(rng.exponential(2 * HOUR)));
    } else if (step === 'write') {
      // Waits for the customer: a pending step follows at once, otherwise the customer answers.
      soon = steps[index + 1] === 'pend';
      ready = soon ? done + 5 : done + 600 + Math.round(rng.exponential(20 * HOUR));
      if (!soon && ready <= end) inbound = conversations++;
    } else if (step === 'pend') {
      entry.status = status = 'pending';
      entry.statusDetail = rng.int(0, PENDING_REASONS.length - 1);
      const dueBy = finished + rng.pick([3, 5, 7, 14]) * DAY_S;
      const reply = finished + HOUR + Math.round(rng.exponential(2 * DAY_S));
      const resumed = Math.min(reply, dueBy);
      const until = Math.min(resumed, end);
      pending = {
        start: finished,
        dueBy,
        seconds: until - finished,
        netSeconds: until - finished - weekendSeconds(finished, until),
      };
      if (resumed > end) {
        ready = null;
        break;
      }
      status = 'open';
      timesSetToOpen++;
      if (reply <= dueBy) inbound = conversations++;
      ready = resumed + Math.round(rng.exponential(3 * HOUR));
    } else if (step === 'close' || step === 'reclose') {
      entry.status = status = 'closed';
      closedAt = finished;
      entry.csat = rng.chance(0.2);
      if (step === 'close' && steps[index + 1] !== undefined) {
        const reopenAt = done + HOUR + Math.round(rng.exponential(3 * DAY_S));
        if (reopenAt > end) break;
        status = 'open';
        closedAt = null;
        reopened = true;
        timesSetToOpen++;
        inbound = conversations++;
        ready = reopenAt + Math.round(rng.exponential(2 * HOUR));
      }
    }
    if (ready !== null && ready > end) ready = null;
  }

  // Same property order as bot tickets: one object shape keeps a million tickets compact.
  return {
    createdAt,
    channel: base.channel,
    pairs: base.pairs,
    subject: base.subject,
    priority: base.priority,
    customerId: base.customerId,
    dueAt,
    closedAt,
    status,
    pending,
    timesSetToOpen,
    reopened,
    ai,
    conversations,
    entries,
  };
}

function firstSlot({ rng, slots }: PlanContext, length: number, anchorDay: boolean): Slot | null {
  const pool = anchorDay ? slots.onDay(slots.lastDayIndex) : slots.agentDays;
  if (pool.length === 0) return null;
  for (let attempt = 0; attempt < 12; attempt++) {
    const slot = slots.placeOn(rng.pick(pool), length, 0, false);
    if (slot) return slot;
  }
  return null;
}

function segmentsAt(slot: Slot, lengths: number[], gap: number): number[] {
  const segments: number[] = [];
  let at = slot.start;
  for (const length of lengths) {
    segments.push(at, at + length);
    at += length + gap;
  }
  return segments;
}
