/**
 * What every export row and worklog entry of one ticket shares (ids, tags, rawData, SLA and
 * pending figures, the AI setup), computed once per ticket.
 */
import { AI_AGENTS, AUTOMATION_LABELS, PRIORITIES, TAG_PAIRS } from './taxonomy.ts';
import { TICKET_STATUSES, type TicketStore } from './ticket-store.ts';
import { enneoDateTime, isoSeconds } from './time.ts';
import { type AiAgentUsage, CHANNELS, type TicketWorklogEntry } from './types.ts';

/**
 * Formats a JSON array the way Enneo's export does (`["Billing", "Payment reminder"]`, with a
 * space after each comma) rather than JSON.stringify's compact form.
 */
export function exportJsonArray(items: readonly (string | number)[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/** Tag strings per combination of tag pairs, computed once. */
interface TagText {
  names: string[];
  allTags: string;
  tags: string;
  /** Compact JSON of the names, as rawData holds them. */
  json: string;
}

const tagTexts = new Map<number, TagText>();

function tagText(pair0: number, pair1: number): TagText {
  const key = pair0 * 256 + pair1 + 1;
  let text = tagTexts.get(key);
  if (!text) {
    const pairs = pair1 < 0 ? [pair0] : [pair0, pair1];
    const names = pairs.flatMap((p) => [TAG_PAIRS[p]!.topic, TAG_PAIRS[p]!.subTopic]);
    text = { names, allTags: names.join(', '), tags: exportJsonArray(names), json: JSON.stringify(names) };
    tagTexts.set(key, text);
  }
  return text;
}

/** JSON-quoted vocabulary, so that rawData can be assembled without JSON.stringify per ticket. */
const QUOTED = {
  channels: CHANNELS.map((c) => JSON.stringify(c)),
  statuses: TICKET_STATUSES.map((s) => JSON.stringify(s)),
  priorities: PRIORITIES.map((p) => JSON.stringify(p)),
  subjects: TAG_PAIRS.map((pair) => pair.subjects.map((subject) => JSON.stringify(subject))),
};

const AGENTS_USED = AI_AGENTS.map((agent) => exportJsonArray([agent.id]));
const NO_AGENTS_USED = exportJsonArray([]);
/** One shared, frozen empty list for the many tickets no AI agent worked on (records are read-only). */
const NO_AI_AGENTS = Object.freeze([]) as unknown as AiAgentUsage[];

/** What every row of one ticket shares; computed once per ticket. */
export interface TicketFacts {
  id: number;
  conversationBase: number;
  topic: string;
  subTopic: string;
  allTags: string;
  tags: string;
  rawData: string;
  aiAgent: string | null;
  aiAgentsUsed: string;
  accuracy: number | null;
  customerIdentified: number | null;
  tagsIdentified: number | null;
  closingDateForSLA: string | null;
  netSecondsClosedAfterSLA: number | null;
  pendingDueBy: string | null;
  pendingSeconds: number | null;
  netPendingSeconds: number | null;
  firstPendingAt: string | null;
  /** Shared by the ticket's worklog entries: the AI setup is per ticket. */
  aiUsage: TicketWorklogEntry['aiUsage'];
  /** Shared by the ticket's entries without a CSAT answer. */
  experience: TicketWorklogEntry['customerExperience'];
}

/**
 * One shared, read-only `aiUsage` per combination of automation level, agent, accuracy and
 * automation (a few thousand at most): half a million tickets each holding their own copy of the
 * same few objects would cost ~300 bytes a ticket. Records are read-only for consumers.
 */
const aiUsages = new Map<number, TicketWorklogEntry['aiUsage']>();

function aiUsageOf(store: TicketStore, t: number, accuracy: number | null): TicketWorklogEntry['aiUsage'] {
  const level = store.aiLevel[t]!;
  const agentIndex = store.aiAgent[t]!;
  const auto = store.aiAuto[t]!;
  // Every part is a small integer: level < 256, agent + 1 < 256, accuracy (0 = null) < 256, auto 0/1.
  const key = ((level * 256 + agentIndex + 1) * 256 + store.aiAccuracy[t]!) * 2 + auto;
  let usage = aiUsages.get(key);
  if (usage === undefined) {
    const agent = agentIndex >= 0 ? AI_AGENTS[agentIndex]! : null;
    usage = {
      automationLevel: level,
      automationLevelLabel: AUTOMATION_LABELS[level]!,
      aiAgents: agent
        ? [
            {
              id: agent.id,
              name: agent.name,
              description: agent.description,
              intelligence: agent.intelligence,
              textAssistanceAccuracy: accuracy,
              actions: auto ? [...agent.actions] : null,
            },
          ]
        : NO_AI_AGENTS,
    };
    aiUsages.set(key, usage);
  }
  return usage;
}

export const orNull = (value: number): number | null => (value < 0 ? null : value);

/** The facts of ticket `t`, given the id and first conversation id it was assigned. */
export function ticketFacts(
  store: TicketStore,
  t: number,
  id: number,
  conversationBase: number,
): TicketFacts {
  const tagging = tagText(store.pair0[t]!, store.pair1[t]!);
  const agentIndex = store.aiAgent[t]!;
  const agent = agentIndex >= 0 ? AI_AGENTS[agentIndex]! : null;
  const closedAt = store.closedAt[t]!;
  const closed = !Number.isNaN(closedAt);
  const pendingStart = store.pendingStart[t]!;
  const pending = !Number.isNaN(pendingStart);
  const dueAt = store.dueAt[t]!;
  // SLA is measured to the (latest) closing, net of the working-day part of any pending period.
  const net = closed ? closedAt - dueAt - (pending ? store.pendingNetSeconds[t]! : 0) : null;
  const accuracy = store.aiAccuracy[t]! === 0 ? null : store.aiAccuracy[t]! / 100;
  // The ticket worklog's netSecondsClosedAfterSla is a plain integer: a ticket not closed at the
  // anchor (export null) is reported as 0, i.e. not (yet) breached, so slaMet is true.
  const worklogNet = net ?? 0;
  const closing = closed ? enneoDateTime(closedAt) : null;
  // Compact JSON of the ticket, joined from pre-quoted parts (a flat string, three times faster
  // than JSON.stringify of an object, which matters at a million rows).
  const rawData = [
    '{"id":',
    id,
    ',"channel":',
    QUOTED.channels[store.channel[t]!],
    ',"status":',
    QUOTED.statuses[store.status[t]!],
    ',"priority":',
    QUOTED.priorities[store.priority[t]!],
    ',"subject":',
    QUOTED.subjects[store.pair0[t]!]![store.subject[t]!],
    ',"tags":',
    tagging.json,
    ',"customerId":',
    store.customerId[t],
    ',"createdAt":"',
    enneoDateTime(store.createdAt[t]!),
    '","dueAt":"',
    enneoDateTime(dueAt),
    closing === null ? '","closedAt":null}' : `","closedAt":"${closing}"}`,
  ].join('');
  return {
    id,
    conversationBase,
    topic: tagging.names[0]!,
    subTopic: tagging.names[1]!,
    allTags: tagging.allTags,
    tags: tagging.tags,
    rawData,
    aiAgent: agent ? agent.name : null,
    aiAgentsUsed: agent ? AGENTS_USED[agentIndex]! : NO_AGENTS_USED,
    accuracy,
    customerIdentified: orNull(store.customerIdentified[t]!),
    tagsIdentified: orNull(store.tagsIdentified[t]!),
    closingDateForSLA: closing,
    netSecondsClosedAfterSLA: net,
    pendingDueBy: pending ? enneoDateTime(store.pendingDueBy[t]!) : null,
    pendingSeconds: pending ? store.pendingSeconds[t]! : null,
    netPendingSeconds: pending ? store.pendingNetSeconds[t]! : null,
    firstPendingAt: pending ? enneoDateTime(pendingStart) : null,
    aiUsage: aiUsageOf(store, t, accuracy),
    experience: {
      slaMet: worklogNet <= 0,
      netSecondsClosedAfterSla: worklogNet,
      closingDateForSLA: closed ? isoSeconds(closedAt) : null,
      dueDateForSLA: isoSeconds(dueAt),
      reOpened: store.reopened[t] === 1,
      csat: null,
    },
  };
}
