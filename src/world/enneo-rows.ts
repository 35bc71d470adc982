/**
 * One Enneo export row and one ticket worklog entry, built from a worklog entry of the
 * TicketStore, its ticket's facts and the entry's draws (ids and random choices fixed when the
 * world was generated). Building is pure: the same entry gives the same record whenever it is
 * built, so records can be built on demand instead of kept.
 */
import type { EnneoUser } from './people.ts';
import { ACTION_TEXT, CSAT_TEXTS, PENDING_REASONS, SCORECARDS } from './taxonomy.ts';
import { orNull, type TicketFacts } from './ticket-facts.ts';
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

/** The stars a CSAT answer gives, drawn uniformly: most customers are content. */
export const CSAT_STARS = [1, 2, 3, 4, 4, 5, 5, 5, 5] as const;

/** The texts a customer giving `stars` may write: happy customers praise, unhappy ones complain. */
export const csatTexts = (stars: number): readonly string[] =>
  stars >= 4 ? CSAT_TEXTS.happy : stars === 3 ? CSAT_TEXTS.neutral : CSAT_TEXTS.unhappy;

/** A CSAT answer; `text` indexes csatTexts(stars), or is −1 for none. */
export function csatAnswer(id: number, stars: number, text: number): Csat {
  return { id, scale: 5, answerStars: stars, answerText: text < 0 ? null : csatTexts(stars)[text]! };
}

/** A user as the export shows them: the record and the teams as Enneo's JSON array text. */
export interface UserText {
  user: EnneoUser;
  teams: string;
}

/** What an entry's worklog record drew when the world was generated. */
export interface EntryDraws {
  /** The first segment's userTimeTrackingId (the second, if any, is the next). */
  timeTracking: number;
  /** The first assessment's id (the others follow). */
  assessment: number;
  /** Index into SCORECARDS of the first assessment's scorecard. */
  scorecard: number;
  /** The CSAT answer, or null when the entry has none. */
  csat: Csat | null;
}

export function durationOf(store: TicketStore, e: number): number {
  const s = store.entrySegments;
  const second = s[4 * e + 3]! - s[4 * e + 2]!;
  return s[4 * e + 1]! - s[4 * e]! + (Number.isNaN(second) ? 0 : second);
}

function conversationId(store: TicketStore, e: number, fact: TicketFacts): number | null {
  const local = store.entryConversation[e]!;
  return local < 0 ? null : fact.conversationBase + local;
}

/** The export row of entry `e` of ticket `t`, whose userWorklogId is `id`. */
export function exportRow(
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

/** The ticket worklog entry of entry `e`, whose id is `id`. */
export function worklogEntry(
  store: TicketStore,
  e: number,
  id: number,
  fact: TicketFacts,
  draws: EntryDraws,
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
    userTimeTrackingId: draws.timeTracking,
    from: isoSeconds(s[4 * e]!),
    to: twoSegments ? isoSeconds(s[4 * e + 1]!) : latest,
    actionList,
    actionListText,
  };
  // Array literals of the exact length: a push would grow the backing store to 17 slots.
  const segments: TimeSegment[] = twoSegments
    ? [
        first,
        {
          userTimeTrackingId: draws.timeTracking + 1,
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
    for (let a = 0; a < assessmentCount; a++) {
      assessments.push({
        id: draws.assessment + a,
        scorecardId: SCORECARDS[(draws.scorecard + a) % SCORECARDS.length]!,
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
    customerExperience: draws.csat ? { ...fact.experience, csat: draws.csat } : fact.experience,
  };
}
