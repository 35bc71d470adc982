/**
 * The records of the seeded world, one type per vendor view. Field names and order follow the
 * vendor docs in ../shared/vendor-docs exactly; contracts/*.yaml describe the same shapes and are
 * the source of truth that tests check these against.
 */

/** The 35 columns of Enneo's reporting-worklog export, in documented order. */
export const EXPORT_COLUMNS = [
  'date',
  'name',
  'ticketId',
  'conversationId',
  'userId',
  'action',
  'duration',
  'durationAfterWork',
  'reOpened',
  'status',
  'aiAgent',
  'topic',
  'subTopic',
  'allTags',
  'tags',
  'channel',
  'department',
  'teams',
  'email',
  'rawData',
  'aiAutomationLevel',
  'customerIdentifiedCorrectly',
  'tagsIdentifiedCorrectly',
  'textAssistanceAccuracy',
  'aiAgentsUsed',
  'skippedTicket',
  'netSecondsClosedAfterSLA',
  'closingDateForSLA',
  'statusActionDetail',
  'pendingDueBy',
  'pendingSeconds',
  'netPendingSeconds',
  'firstPendingAt',
  'userWorklogId',
  'timesSetToOpen',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export const WORKLOG_ACTIONS = [
  'closeAction',
  'readAction',
  'statusAction',
  'writeAction',
  'autoProcessAction',
] as const;
export type WorklogAction = (typeof WORKLOG_ACTIONS)[number];

export const CHANNELS = ['email', 'portal', 'phone', 'system', 'chat', 'walkIn', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * One row of GET /export/reporting_worklog at privacy level `none`. Timestamps are
 * `YYYY-MM-DD HH:MM:SS` (UTC), as the vendor's example sends them.
 */
export interface ExportRow {
  date: string;
  name: string | null;
  ticketId: number | null;
  conversationId: number | null;
  userId: number | null;
  action: WorklogAction;
  duration: number;
  durationAfterWork: number;
  reOpened: number;
  status: string | null;
  aiAgent: string | null;
  topic: string | null;
  subTopic: string | null;
  allTags: string | null;
  tags: string | null;
  channel: Channel | null;
  department: string;
  teams: string | null;
  email: string;
  rawData: string;
  aiAutomationLevel: number | null;
  customerIdentifiedCorrectly: number | null;
  tagsIdentifiedCorrectly: number | null;
  textAssistanceAccuracy: number | null;
  aiAgentsUsed: string | null;
  skippedTicket: number | null;
  netSecondsClosedAfterSLA: number | null;
  closingDateForSLA: string | null;
  statusActionDetail: string | null;
  pendingDueBy: string | null;
  pendingSeconds: number | null;
  netPendingSeconds: number | null;
  firstPendingAt: string | null;
  userWorklogId: number | null;
  timesSetToOpen: number;
}

export interface TimeSegment {
  userTimeTrackingId: number;
  /** ISO 8601 UTC without milliseconds, e.g. `2024-06-12T09:51:00Z`. */
  from: string;
  to: string;
  actionList: string[];
  actionListText: string[];
}

export interface AiAgentUsage {
  id: number;
  name: string;
  description: string;
  intelligence: string;
  textAssistanceAccuracy: number | null;
  actions: null | string[];
}

export interface Csat {
  id: number;
  scale: number;
  answerStars: number;
  answerText: string | null;
}

/** One item of GET /ticket/{ticketId}/worklog; `id` equals the export row's `userWorklogId`. */
export interface TicketWorklogEntry {
  id: number;
  ticketId: number;
  /** `YYYY-MM-DD`. */
  date: string;
  latestInteraction: string | null;
  assessments: { id: number; scorecardId: number }[];
  worklog: {
    userId: number;
    worklogId: number;
    latestInteraction: string | null;
    ticketId: number;
    conversationId: number | null;
    action: WorklogAction;
    actionList: string[];
    actionListText: string[];
  };
  aiUsage: {
    automationLevel: number;
    automationLevelLabel: string;
    aiAgents: AiAgentUsage[];
  };
  time: {
    duration: number;
    durationAfterWork: number;
    segments: TimeSegment[];
  };
  customerExperience: {
    slaMet: boolean;
    netSecondsClosedAfterSla: number;
    closingDateForSLA: string | null;
    dueDateForSLA: string | null;
    reOpened: boolean;
    csat: Csat | null;
  };
}

/** One item of VoIPcube's GET /stats/user-statuses. `status: ""` means the user cleared it. */
export interface StatusLog {
  status: string;
  /** UUID v4. */
  userId: string;
  /** ISO 8601 UTC with milliseconds, e.g. `2023-07-19T12:58:19.282Z`. */
  time: string;
}

/** One Autozod on-duty session; never crosses a UTC midnight. */
export interface AutozodSession {
  /** 24 lowercase hex characters. */
  agentId: string;
  teamId: string;
  /** ISO 8601 UTC with milliseconds. */
  start: string;
  end: string;
}

/** `fixtures/people.json` is exactly an array of these; a vendor the person is absent from is null. */
export interface Person {
  enneo: { userId: number; name: string; email: string; department: string; teams: string[] } | null;
  voipcube: { userId: string } | null;
  autozod: { agentId: string; teamId: string } | null;
}

export interface WorldSize {
  /** Human agents (each present in all three vendors). */
  agents: number;
  /** Days of activity, ending on the anchor day (inclusive). 42 by default (six weeks). */
  days: number;
  /** Enneo tickets; each yields 1..n worklog entries (export rows). Default: 12 per agent and day. */
  tickets: number;
}

export interface WorldMeta {
  seed: number;
  /** The last day of activity, `YYYY-MM-DD` (UTC). */
  anchor: string;
  size: WorldSize;
}

/**
 * The whole seeded world. Arrays are in a canonical order:
 * exportRows and ticketWorklogs by userWorklogId ascending, statusLogs by time then userId,
 * sessions by start then agentId. In a world from `generateWorld`, these four arrays are built on
 * first read and then kept (assigning replaces them); servers read the compact records behind them
 * instead (`enneoSources`, `statusLogsOf`, `sessionsOf`; src/world/lazy-views.ts).
 */
export interface World {
  meta: WorldMeta;
  people: Person[];
  enneo: { exportRows: ExportRow[]; ticketWorklogs: TicketWorklogEntry[] };
  voipcube: { statusLogs: StatusLog[] };
  autozod: { sessions: AutozodSession[] };
}
