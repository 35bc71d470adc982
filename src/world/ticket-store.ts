/**
 * Planned tickets and their worklog entries held column-wise in typed arrays. A world of a
 * million worklog entries would otherwise keep millions of short-lived planning objects alive
 * until the views are built, and the garbage collector would spend more time copying them than
 * the generator spends generating.
 */
import { CHANNELS, type Channel, WORKLOG_ACTIONS, type WorklogAction } from './types.ts';

export type TicketStatus = 'open' | 'pending' | 'closed' | 'active';
/** Appended, never reordered: the store keeps statuses as indices into this list. */
export const TICKET_STATUSES: readonly TicketStatus[] = ['open', 'pending', 'closed', 'active'];

/** One worklog entry as the planner describes it (a transient object). */
export interface PlannedEntry {
  userId: number;
  action: WorklogAction;
  /** Time segments as [from, to] or [from, to, from, to] in epoch seconds. */
  segments: number[];
  afterWork: number;
  /** Ticket status right after the action. */
  status: TicketStatus;
  /** Index into PENDING_REASONS, or -1. */
  statusDetail: number;
  /** Conversation within the ticket (0-based), or -1 for none. */
  conversation: number;
  skipped: 0 | 1 | null;
  csat: boolean;
  assessments: number;
}

export interface TicketAi {
  level: number;
  /** Index into AI_AGENTS, or -1. */
  agent: number;
  /** Text assistance accuracy in percent, or null. */
  accuracyPercent: number | null;
  customerIdentified: 0 | 1 | null;
  tagsIdentified: 0 | 1 | null;
  auto: boolean;
}

export interface PendingPeriod {
  start: number;
  dueBy: number;
  seconds: number;
  /** Pending seconds on working days (Saturdays and Sundays do not count). */
  netSeconds: number;
}

/** A ticket's state at the anchor (end of the anchor day), plus the entries that led there. */
export interface PlannedTicket {
  createdAt: number;
  channel: Channel;
  /** Indices into TAG_PAIRS, main concern first (one or two). */
  pairs: number[];
  /** Index into the main pair's subjects. */
  subject: number;
  /** Index into PRIORITIES. */
  priority: number;
  customerId: number;
  dueAt: number;
  closedAt: number | null;
  status: TicketStatus;
  pending: PendingPeriod | null;
  timesSetToOpen: number;
  reopened: boolean;
  ai: TicketAi;
  conversations: number;
  entries: PlannedEntry[];
}

const nullable = (value: 0 | 1 | null): number => (value === null ? -1 : value);

/** Column-wise store; read it with the typed arrays directly (index = ticket or entry). */
export class TicketStore {
  count = 0;
  entryCount = 0;

  readonly createdAt: Float64Array;
  readonly dueAt: Float64Array;
  /** NaN while the ticket is not closed. */
  readonly closedAt: Float64Array;
  readonly channel: Uint8Array;
  readonly pair0: Uint8Array;
  /** -1 when the ticket has one tag pair only. */
  readonly pair1: Int8Array;
  readonly subject: Uint8Array;
  readonly priority: Uint8Array;
  readonly customerId: Uint32Array;
  readonly status: Uint8Array;
  readonly timesSetToOpen: Uint8Array;
  readonly reopened: Uint8Array;
  /** NaN when the ticket was never pending. */
  readonly pendingStart: Float64Array;
  readonly pendingDueBy: Float64Array;
  readonly pendingSeconds: Float64Array;
  readonly pendingNetSeconds: Float64Array;
  readonly aiLevel: Uint8Array;
  readonly aiAgent: Int8Array;
  /** 0 = null (accuracies are 55–100 %). */
  readonly aiAccuracy: Uint8Array;
  /** -1 = null. */
  readonly customerIdentified: Int8Array;
  readonly tagsIdentified: Int8Array;
  readonly aiAuto: Uint8Array;
  readonly conversations: Uint8Array;
  readonly firstEntry: Uint32Array;
  readonly entries: Uint8Array;

  entryUser: Uint32Array;
  entryAction: Uint8Array;
  /** Two segments per entry, [from, to, from, to]; the second is NaN when there is one. */
  entrySegments: Float64Array;
  entryAfterWork: Uint16Array;
  entryStatus: Uint8Array;
  entryDetail: Int8Array;
  entryConversation: Int8Array;
  entrySkipped: Int8Array;
  entryCsat: Uint8Array;
  entryAssessments: Uint8Array;

  constructor(readonly capacity: number) {
    this.createdAt = new Float64Array(capacity);
    this.dueAt = new Float64Array(capacity);
    this.closedAt = new Float64Array(capacity);
    this.channel = new Uint8Array(capacity);
    this.pair0 = new Uint8Array(capacity);
    this.pair1 = new Int8Array(capacity);
    this.subject = new Uint8Array(capacity);
    this.priority = new Uint8Array(capacity);
    this.customerId = new Uint32Array(capacity);
    this.status = new Uint8Array(capacity);
    this.timesSetToOpen = new Uint8Array(capacity);
    this.reopened = new Uint8Array(capacity);
    this.pendingStart = new Float64Array(capacity);
    this.pendingDueBy = new Float64Array(capacity);
    this.pendingSeconds = new Float64Array(capacity);
    this.pendingNetSeconds = new Float64Array(capacity);
    this.aiLevel = new Uint8Array(capacity);
    this.aiAgent = new Int8Array(capacity);
    this.aiAccuracy = new Uint8Array(capacity);
    this.customerIdentified = new Int8Array(capacity);
    this.tagsIdentified = new Int8Array(capacity);
    this.aiAuto = new Uint8Array(capacity);
    this.conversations = new Uint8Array(capacity);
    this.firstEntry = new Uint32Array(capacity);
    this.entries = new Uint8Array(capacity);
    const entries = Math.max(16, capacity * 2);
    this.entryUser = new Uint32Array(entries);
    this.entryAction = new Uint8Array(entries);
    this.entrySegments = new Float64Array(entries * 4);
    this.entryAfterWork = new Uint16Array(entries);
    this.entryStatus = new Uint8Array(entries);
    this.entryDetail = new Int8Array(entries);
    this.entryConversation = new Int8Array(entries);
    this.entrySkipped = new Int8Array(entries);
    this.entryCsat = new Uint8Array(entries);
    this.entryAssessments = new Uint8Array(entries);
  }

  /** Copies a planned ticket in; the object can then be dropped. */
  add(ticket: PlannedTicket): void {
    if (this.count >= this.capacity) throw new Error('TicketStore is full');
    const t = this.count++;
    this.createdAt[t] = ticket.createdAt;
    this.dueAt[t] = ticket.dueAt;
    this.closedAt[t] = ticket.closedAt ?? Number.NaN;
    this.channel[t] = CHANNELS.indexOf(ticket.channel);
    this.pair0[t] = ticket.pairs[0]!;
    this.pair1[t] = ticket.pairs[1] ?? -1;
    this.subject[t] = ticket.subject;
    this.priority[t] = ticket.priority;
    this.customerId[t] = ticket.customerId;
    this.status[t] = TICKET_STATUSES.indexOf(ticket.status);
    this.timesSetToOpen[t] = ticket.timesSetToOpen;
    this.reopened[t] = ticket.reopened ? 1 : 0;
    const pending = ticket.pending;
    this.pendingStart[t] = pending ? pending.start : Number.NaN;
    this.pendingDueBy[t] = pending ? pending.dueBy : Number.NaN;
    this.pendingSeconds[t] = pending ? pending.seconds : Number.NaN;
    this.pendingNetSeconds[t] = pending ? pending.netSeconds : Number.NaN;
    const ai = ticket.ai;
    this.aiLevel[t] = ai.level;
    this.aiAgent[t] = ai.agent;
    this.aiAccuracy[t] = ai.accuracyPercent ?? 0;
    this.customerIdentified[t] = nullable(ai.customerIdentified);
    this.tagsIdentified[t] = nullable(ai.tagsIdentified);
    this.aiAuto[t] = ai.auto ? 1 : 0;
    this.conversations[t] = ticket.conversations;
    this.firstEntry[t] = this.entryCount;
    this.entries[t] = ticket.entries.length;
    for (const entry of ticket.entries) this.addEntry(entry);
  }

  private addEntry(entry: PlannedEntry): void {
    if (this.entryCount >= this.entryUser.length) this.growEntries();
    const e = this.entryCount++;
    this.entryUser[e] = entry.userId;
    this.entryAction[e] = WORKLOG_ACTIONS.indexOf(entry.action);
    const segments = entry.segments;
    this.entrySegments[4 * e] = segments[0]!;
    this.entrySegments[4 * e + 1] = segments[1]!;
    this.entrySegments[4 * e + 2] = segments[2] ?? Number.NaN;
    this.entrySegments[4 * e + 3] = segments[3] ?? Number.NaN;
    this.entryAfterWork[e] = entry.afterWork;
    this.entryStatus[e] = TICKET_STATUSES.indexOf(entry.status);
    this.entryDetail[e] = entry.statusDetail;
    this.entryConversation[e] = entry.conversation;
    this.entrySkipped[e] = nullable(entry.skipped);
    this.entryCsat[e] = entry.csat ? 1 : 0;
    this.entryAssessments[e] = entry.assessments;
  }

  private growEntries(): void {
    const size = this.entryUser.length * 2;
    const grow = <T extends Uint32Array | Uint8Array | Uint16Array | Int8Array | Float64Array>(
      old: T,
      make: (n: number) => T,
      factor = 1,
    ): T => {
      const next = make(size * factor);
      next.set(old);
      return next;
    };
    this.entryUser = grow(this.entryUser, (n) => new Uint32Array(n));
    this.entryAction = grow(this.entryAction, (n) => new Uint8Array(n));
    this.entrySegments = grow(this.entrySegments, (n) => new Float64Array(n), 4);
    this.entryAfterWork = grow(this.entryAfterWork, (n) => new Uint16Array(n));
    this.entryStatus = grow(this.entryStatus, (n) => new Uint8Array(n));
    this.entryDetail = grow(this.entryDetail, (n) => new Int8Array(n));
    this.entryConversation = grow(this.entryConversation, (n) => new Int8Array(n));
    this.entrySkipped = grow(this.entrySkipped, (n) => new Int8Array(n));
    this.entryCsat = grow(this.entryCsat, (n) => new Uint8Array(n));
    this.entryAssessments = grow(this.entryAssessments, (n) => new Uint8Array(n));
  }
}
