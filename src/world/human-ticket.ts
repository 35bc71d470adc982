/**
 * A ticket worked by people, step by step: read, reply, set to pending while the customer is
 * away, close, and sometimes reopen and close again. Every step is placed in free on-duty time
 * of an agent (the ticket's owner when possible) after the previous step and any waiting.
 */
import { AFTER_WORK } from './handle-times.ts';
import type { Random } from './random.ts';
import type { Slot } from './slots.ts';
import { HUMAN_CHANNELS, LIVE_CHANNELS, PENDING_REASONS, SLA_HOURS } from './taxonomy.ts';
import { basics, duration, HOUR, type PlanContext, planAi } from './ticket-basics.ts';
import type { PendingPeriod, PlannedEntry, PlannedTicket, TicketStatus } from './ticket-store.ts';
import { DAY_S, weekendSeconds } from './time.ts';
import type { Channel, WorklogAction } from './types.ts';

type Step = 'read' | 'write' | 'pend' | 'close' | 'reopenRead' | 'reclose';

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
function layout(
  rng: Random,
  action: WorklogAction,
  channel: Channel,
): { lengths: number[]; gap: number; afterWork: number } {
  const total = duration(rng, action, channel);
  const replies = action === 'writeAction' || action === 'closeAction';
  const [chance, min, max] = AFTER_WORK[channel];
  const afterWork = replies && rng.chance(chance) ? rng.int(min, max) : 0;
  if (total >= 300 && rng.chance(0.2)) {
    const first = rng.int(60, total - 60);
    return { lengths: [first, total - first], gap: rng.int(60, 600), afterWork };
  }
  return { lengths: [total], gap: 0, afterWork };
}

/**
 * Plans one ticket worked by people, or null when no agent has free time for its first step.
 * `anchorDay` puts the first step on the world's last day.
 */
export function planHumanTicket(context: PlanContext, anchorDay: boolean): PlannedTicket | null {
  const { rng, cast, slots, start, end } = context;
  const base = basics(rng, HUMAN_CHANNELS);
  const live = LIVE_CHANNELS.has(base.channel);
  // Every step of a chat ticket is chat work: it may run alongside the agent's other chats.
  const chat = base.channel === 'chat';
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
    const shape = layout(rng, action, base.channel);
    let length = shape.gap + shape.afterWork;
    for (const part of shape.lengths) length += part;
    const slot =
      index === 0
        ? firstSlot(context, length, anchorDay, chat)
        : slots.find({
            earliest: ready,
            length,
            preferred: soon ? last : rng.chance(0.75) ? owner : -1,
            soon,
            horizonDays: 10,
            chat,
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

    if (step === 'read' || step === 'reopenRead') {
      // The next step follows the read, whether the read opens the ticket or its reopening.
      soon = rng.chance(0.6);
      ready = done + (soon ? 5 : Math.round(rng.exponential(2 * HOUR)));
    } else if (step === 'write') {
      // A reply means an agent is working the ticket: `active` (the doc's example status) until
      // it waits for the customer, is closed, or comes back from the customer as `open`.
      entry.status = status = 'active';
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

function firstSlot({ slots }: PlanContext, length: number, anchorDay: boolean, chat: boolean): Slot | null {
  return slots.placeFirst(anchorDay ? slots.onDay(slots.lastDayIndex) : slots.agentDays, length, chat);
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
