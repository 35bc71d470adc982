/**
 * Plans Enneo tickets as they live through the world: created by a customer, read, answered,
 * set to pending while the customer is away, closed, sometimes reopened, or closed at once by
 * the AI agent. Each step is one user worklog entry; the export rows and the per-ticket worklog
 * are two views of these entries (see enneo-views.ts).
 */
import { planHumanTicket } from './human-ticket.ts';
import { BOT_CHANNELS, SLA_HOURS, TAG_PAIRS } from './taxonomy.ts';
import { basics, duration, HOUR, type PlanContext } from './ticket-basics.ts';
import type { PlannedTicket } from './ticket-store.ts';
import { TicketStore } from './ticket-store.ts';
import { DAY_S } from './time.ts';

export type { PlanContext } from './ticket-basics.ts';

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

function planBotTicket({ rng, cast, start, end }: PlanContext): PlannedTicket {
  const base = basics(rng, BOT_CHANNELS);
  // Customers write around the clock, mostly in the daytime; the AI agent answers within seconds
  // (and never across midnight, so that an entry stays on one day in both views).
  const day = rng.int(0, Math.floor((end - start) / DAY_S));
  const second = rng.chance(0.8) ? rng.int(6 * HOUR, 22 * HOUR - 1) : rng.int(0, DAY_S - 200);
  const createdAt = Math.min(start + day * DAY_S + second, end - 600);
  const from = createdAt + rng.int(5, 90);
  const to = from + duration(rng, 'autoProcessAction', base.channel);
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
      // Autopilot (4) sends the AI's answer after a rule check; Automated (5) without one.
      level: rng.chance(0.3) ? 4 : 5,
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
