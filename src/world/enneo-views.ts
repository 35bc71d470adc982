/**
 * Enneo's two views of the planned tickets: the reporting export (one row per user worklog
 * entry) and the per-ticket worklog. Both are built from the same entry in one pass so that
 * every field they share agrees by construction.
 */
import type { EnneoUser } from './people.ts';
import { Random } from './random.ts';
import { ACTION_TEXT, CSAT_TEXTS, PENDING_REASONS, SCORECARDS } from './taxonomy.ts';
import { exportJsonArray, orNull, type TicketFacts, ticketFacts } from './ticket-facts.ts';
import { TICKET_STATUSES, type TicketStore } from './ticket-store.ts';
import { DAY_S, enneoDateTime, formatDay, isoSeconds } from './time.ts';
import {
  CHANNELS,
  type Csat,
  type ExportRow,
  type TicketWorklogEntry,
  type TimeSegment,
  WORKLOG_ACTIONS,
} from './types.ts';

/**
 * Shared, frozen empty list: most entries have no assessment, and a million identical empty
 * arrays would cost time and memory. Records are read-only for consumers.
 */
const NO_ASSESSMENTS = Object.freeze([]) as unknown as TicketWorklogEntry['assessments'];

/** Ids start here and follow creation order (tickets) or time order (worklog entries). */
export const FIRST_TICKET_ID = 10_001;
export const FIRST_CONVERSATION_ID = 200_001;
export const FIRST_WORKLOG_ID = 1;

export interface EnneoViews {
  exportRows: ExportRow[];
  ticketWorklogs: TicketWorklogEntry[];
}

/** Sorts indices by a non-negative integer key, ties by index, packed into one float each. */
function orderBy(count: number, key: (i: number) => number): Uint32Array {
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(count + 1)));
  const packed = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const value = key(i) * scale + i;
    if (!(value <= Number.MAX_SAFE_INTEGER)) throw new Error('world too large to order its Enneo records');
    packed[i] = value;
  }
  packed.sort();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = packed[i]! % scale;
  return order;
}

interface UserText {
  user: EnneoUser;
  teams: string;
}

/**
 * Builds both Enneo views. Ticket ids follow creation time, worklog ids follow the time an
 * entry started, so both arrays come out in canonical order (userWorklogId ascending).
 */
export function buildEnneoViews(
  seed: number,
  store: TicketStore,
  users: ReadonlyMap<number, EnneoUser>,
  worldStart: number,
): EnneoViews {
  const rng = new Random(seed, 'enneo-views');
  const byCreation = orderBy(store.count, (t) => store.createdAt[t]! - worldStart);
  const ticketId = new Uint32Array(store.count);
  const conversationBase = new Float64Array(store.count);
  let nextConversation = FIRST_CONVERSATION_ID;
  for (let position = 0; position < byCreation.length; position++) {
    const t = byCreation[position]!;
    ticketId[t] = FIRST_TICKET_ID + position;
    conversationBase[t] = nextConversation;
    nextConversation += store.conversations[t]!;
  }
  const ticketOf = new Uint32Array(store.entryCount);
  for (let t = 0; t < store.count; t++) {
    const first = store.firstEntry[t]!;
    ticketOf.fill(t, first, first + store.entries[t]!);
  }
  const byStart = orderBy(store.entryCount, (e) => store.entrySegments[4 * e]! - worldStart);

  const facts: (TicketFacts | undefined)[] = new Array(store.count);
  const left = store.entries.slice();
  const userText = new Map<number, UserText>();
  for (const [id, user] of users) userText.set(id, { user, teams: exportJsonArray(user.teams) });
  const counters = { timeTracking: 1, assessment: 1, csat: 1 };
  const exportRows: ExportRow[] = new Array(byStart.length);
  const ticketWorklogs: TicketWorklogEntry[] = new Array(byStart.length);
  for (let n = 0; n < byStart.length; n++) {
    const e = byStart[n]!;
    const t = ticketOf[e]!;
    const fact = facts[t] ?? ticketFacts(store, t, ticketId[t]!, conversationBase[t]!);
    // Keep a ticket's facts only while rows of it are still to come.
    facts[t] = --left[t]! > 0 ? fact : undefined;
    const userId = store.entryUser[e]!;
    const info = userText.get(userId);
    if (!info) throw new Error(`worklog entry by unknown Enneo user ${userId}`);
    // The department handling the ticket is its owner's (who took its first step), on every row,
    // whoever helped with a later step.
    const owner = users.get(store.entryUser[store.firstEntry[t]!]!);
    if (!owner)
      throw new Error(`ticket owned by unknown Enneo user ${store.entryUser[store.firstEntry[t]!]}`);
    const id = FIRST_WORKLOG_ID + n;
    exportRows[n] = exportRow(store, t, e, id, fact, info, owner.department);
    ticketWorklogs[n] = worklogEntry(store, e, id, fact, rng, counters);
  }
  return { exportRows, ticketWorklogs };
}

function durationOf(store: TicketStore, e: number): number {
  const s = store.entrySegments;
  const second = s[4 * e + 3]! - s[4 * e + 2]!;
  return s[4 * e + 1]! - s[4 * e]! + (Number.isNaN(second) ? 0 : second);
}

function conversationId(store: TicketStore, e: number, fact: TicketFacts): number | null {
  const local = store.entryConversation[e]!;
  return local < 0 ? null : fact.conversationBase + local;
}

function exportRow(
  store: TicketStore,
  t: number,
  e: number,
  id: number,
  fact: TicketFacts,
  info: UserText,
  department: string,
): ExportRow {
  const { user } = info;
  const detail = store.entryDetail[e]!;
  return {
    date: enneoDateTime(store.entrySegments[4 * e]!),
    name: user.name,
    ticketId: fact.id,
    conversationId: conversationId(store, e, fact),
    userId: user.userId,
    action: WORKLOG_ACTIONS[store.entryAction[e]!]!,
    duration: durationOf(store, e),
    durationAfterWork: store.entryAfterWork[e]!,
    reOpened: store.reopened[t]!,
    status: TICKET_STATUSES[store.entryStatus[e]!]!,
    aiAgent: fact.aiAgent,
    topic: fact.topic,
    subTopic: fact.subTopic,
    allTags: fact.allTags,
    tags: fact.tags,
    channel: CHANNELS[store.channel[t]!]!,
    department,
    teams: info.teams,
    email: user.email,
    rawData: fact.rawData,
    aiAutomationLevel: store.aiLevel[t]!,
    customerIdentifiedCorrectly: fact.customerIdentified,
    tagsIdentifiedCorrectly: fact.tagsIdentified,
    textAssistanceAccuracy: fact.accuracy,
    aiAgentsUsed: fact.aiAgentsUsed,
    skippedTicket: orNull(store.entrySkipped[e]!),
    netSecondsClosedAfterSLA: fact.netSecondsClosedAfterSLA,
    closingDateForSLA: fact.closingDateForSLA,
    statusActionDetail: detail < 0 ? null : PENDING_REASONS[detail]!,
    pendingDueBy: fact.pendingDueBy,
    pendingSeconds: fact.pendingSeconds,
    netPendingSeconds: fact.netPendingSeconds,
    firstPendingAt: fact.firstPendingAt,
    userWorklogId: id,
    timesSetToOpen: store.timesSetToOpen[t]!,
  };
}

function worklogEntry(
  store: TicketStore,
  e: number,
  id: number,
  fact: TicketFacts,
  rng: Random,
  counters: { timeTracking: number; assessment: number; csat: number },
): TicketWorklogEntry {
  const action = WORKLOG_ACTIONS[store.entryAction[e]!]!;
  // The action lists are frozen and shared by every entry and segment of the same action.
  const text = ACTION_TEXT[action];
  const actionList = text.actionList as string[];
  const actionListText = text.actionListText as string[];
  const s = store.entrySegments;
  const twoSegments = !Number.isNaN(s[4 * e + 2]!);
  const latest = isoSeconds(s[4 * e + (twoSegments ? 3 : 1)]!);
  const first: TimeSegment = {
    userTimeTrackingId: counters.timeTracking++,
    from: isoSeconds(s[4 * e]!),
    to: twoSegments ? isoSeconds(s[4 * e + 1]!) : latest,
    actionList,
    actionListText,
  };
  // Array literals of the exact length: a push would grow the backing store to 17 slots, and a
  // million-entry world pays that 120 bytes per two-segment entry.
  const segments: TimeSegment[] = twoSegments
    ? [
        first,
        {
          userTimeTrackingId: counters.timeTracking++,
          from: isoSeconds(s[4 * e + 2]!),
          to: latest,
          actionList,
          actionListText,
        },
      ]
    : [first];
  let assessments = NO_ASSESSMENTS;
  const assessmentCount = store.entryAssessments[e]!;
  if (assessmentCount > 0) {
    assessments = [];
    const firstCard = rng.int(0, SCORECARDS.length - 1);
    for (let a = 0; a < assessmentCount; a++) {
      assessments.push({
        id: counters.assessment++,
        scorecardId: SCORECARDS[(firstCard + a) % SCORECARDS.length]!,
      });
    }
  }
  const conversation = conversationId(store, e, fact);
  return {
    id,
    ticketId: fact.id,
    // The UTC day of latestInteraction; entries never cross midnight, so also the export row's day.
    date: formatDay(Math.floor(s[4 * e + (twoSegments ? 3 : 1)]! / DAY_S)),
    latestInteraction: latest,
    assessments,
    worklog: {
      userId: store.entryUser[e]!,
      worklogId: id,
      latestInteraction: latest,
      ticketId: fact.id,
      conversationId: conversation,
      action,
      actionList,
      actionListText,
    },
    aiUsage: fact.aiUsage,
    time: { duration: durationOf(store, e), durationAfterWork: store.entryAfterWork[e]!, segments },
    customerExperience: store.entryCsat[e]
      ? { ...fact.experience, csat: csat(rng, counters) }
      : fact.experience,
  };
}

function csat(rng: Random, counters: { csat: number }): Csat {
  const answerStars = rng.pick([1, 2, 3, 4, 4, 5, 5, 5, 5]);
  // Happy customers praise, unhappy ones complain; many leave no text.
  const texts =
    answerStars >= 4 ? CSAT_TEXTS.happy : answerStars === 3 ? CSAT_TEXTS.neutral : CSAT_TEXTS.unhappy;
  return {
    id: counters.csat++,
    scale: 5,
    answerStars,
    answerText: rng.chance(0.4) ? rng.pick(texts) : null,
  };
}
