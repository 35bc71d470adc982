/**
 * The vocabulary of an energy supplier's customer care: ticket topics, channels, SLAs, the AI
 * agents Enneo runs and the labels its worklog uses. Everything the generator draws from lives
 * here so that the world reads like one company.
 */
import { weightedTable } from './random.ts';
import type { Channel, WorklogAction } from './types.ts';

/** A topic / sub-topic pair; a ticket's tags are one or two of these, flattened. */
export interface TagPair {
  topic: string;
  subTopic: string;
  /** Subjects a customer would write for this concern. */
  subjects: readonly string[];
  /** Index into AI_AGENTS of the agent that handles this concern. */
  aiAgent: number;
}

export const TAG_PAIRS: readonly TagPair[] = [
  {
    topic: 'Billing',
    subTopic: 'Payment reminder',
    subjects: ['Payment reminder received', 'Why did I get a reminder?'],
    aiAgent: 0,
  },
  {
    topic: 'Billing',
    subTopic: 'Invoice correction',
    subjects: ['My annual invoice is wrong', 'Please correct my bill'],
    aiAgent: 0,
  },
  {
    topic: 'Billing',
    subTopic: 'Annual statement',
    subjects: ['Question about my annual statement', 'Annual statement not received'],
    aiAgent: 0,
  },
  {
    topic: 'Meter reading',
    subTopic: 'Submit reading',
    subjects: ['My meter reading', 'Meter reading for this year'],
    aiAgent: 1,
  },
  {
    topic: 'Meter reading',
    subTopic: 'Estimated reading',
    subjects: ['Why was my reading estimated?', 'Estimated consumption is too high'],
    aiAgent: 1,
  },
  {
    topic: 'Contract',
    subTopic: 'Cancellation',
    subjects: ['Cancellation of my contract', 'I want to cancel'],
    aiAgent: 0,
  },
  {
    topic: 'Contract',
    subTopic: 'New contract',
    subjects: ['New electricity contract', 'Sign-up for gas supply'],
    aiAgent: 0,
  },
  { topic: 'Move', subTopic: 'Address change', subjects: ['New address', 'We have moved'], aiAgent: 2 },
  {
    topic: 'Move',
    subTopic: 'Move out',
    subjects: ['Moving out on the 1st', 'Final reading at move-out'],
    aiAgent: 2,
  },
  {
    topic: 'Tariff',
    subTopic: 'Tariff change',
    subjects: ['Switch to the green tariff', 'Is there a cheaper tariff?'],
    aiAgent: 4,
  },
  {
    topic: 'Tariff',
    subTopic: 'Price adjustment',
    subjects: ['Letter about the price increase', 'Question about the new prices'],
    aiAgent: 4,
  },
  {
    topic: 'Payment',
    subTopic: 'Direct debit',
    subjects: ['New bank details for direct debit', 'Direct debit failed'],
    aiAgent: 3,
  },
  {
    topic: 'Payment',
    subTopic: 'Instalment plan',
    subjects: ['Can I pay in instalments?', 'Change my monthly instalment'],
    aiAgent: 3,
  },
  {
    topic: 'Outage',
    subTopic: 'Power outage',
    subjects: ['No power since this morning', 'Outage in our street'],
    aiAgent: 0,
  },
];

/** How often each tag pair is a ticket's main concern (index into TAG_PAIRS). */
export const TAG_PAIR_WEIGHTS = weightedTable(
  [18, 6, 5, 16, 6, 7, 5, 8, 5, 7, 5, 5, 6, 2].map((weight, index) => [index, weight] as const),
);

/** Where customer-care tickets come from. */
export const HUMAN_CHANNELS = weightedTable<Channel>([
  ['email', 40],
  ['portal', 15],
  ['phone', 24],
  ['chat', 10],
  ['letter', 5],
  ['walkIn', 2],
  ['system', 4],
]);

/** Tickets the AI agent closes on its own arrive in writing. */
export const BOT_CHANNELS = weightedTable<Channel>([
  ['email', 55],
  ['portal', 35],
  ['system', 10],
]);

/** Channels where the agent is on the line (or at the counter) when the ticket is created. */
export const LIVE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['phone', 'chat', 'walkIn']);

/** SLA per channel, in hours from the ticket's creation. */
export const SLA_HOURS: Readonly<Record<Channel, number>> = {
  email: 48,
  portal: 48,
  phone: 24,
  chat: 4,
  walkIn: 24,
  letter: 120,
  system: 72,
};

/** Labels of Enneo's AI automation levels 0–5 (the doc shows 1 "Monitor" and 2 "Assisted"). */
export const AUTOMATION_LABELS = [
  'None',
  'Monitor',
  'Assisted',
  'Copilot',
  'Autopilot',
  'Automated',
] as const;

export interface AiAgentProfile {
  id: number;
  name: string;
  description: string;
  intelligence: string;
  /** What the agent does when it processes a ticket on its own. */
  actions: readonly string[];
}

export const AI_AGENTS: readonly AiAgentProfile[] = [
  {
    id: 5,
    name: 'Email Assistant',
    description: 'Generates email responses',
    intelligence: 'smart',
    actions: ['draftReply', 'sendReply'],
  },
  {
    id: 7,
    name: 'Meter Reading Agent',
    description: 'Validates and books submitted meter readings',
    intelligence: 'smart',
    actions: ['validateReading', 'bookReading', 'sendConfirmation'],
  },
  {
    id: 9,
    name: 'Move Agent',
    description: 'Updates addresses and schedules final readings for moves',
    intelligence: 'fast',
    actions: ['updateAddress', 'sendConfirmation'],
  },
  {
    id: 12,
    name: 'Payment Agent',
    description: 'Changes bank details and instalments within policy limits',
    intelligence: 'smart',
    actions: ['updateInstalment', 'sendConfirmation'],
  },
  {
    id: 14,
    name: 'Tariff Advisor',
    description: 'Recommends a tariff from the customer consumption',
    intelligence: 'fast',
    actions: ['compareTariffs', 'sendReply'],
  },
];

/** What an action did, as Enneo lists it on the worklog entry (and on each time segment). */
export interface ActionText {
  actionList: readonly string[];
  actionListText: readonly string[];
}

const text = (pairs: readonly (readonly [string, string])[]): ActionText =>
  Object.freeze({
    actionList: Object.freeze(pairs.map(([code]) => code)),
    actionListText: Object.freeze(pairs.map(([, label]) => label)),
  });

export const ACTION_TEXT: Readonly<Record<WorklogAction, ActionText>> = {
  readAction: text([['read', 'Read ticket']]),
  writeAction: text([['reply', 'Sent reply to customer']]),
  statusAction: text([['setPending', 'Set ticket to pending']]),
  closeAction: text([
    ['reply', 'Sent reply to customer'],
    ['closed', 'Closed ticket'],
  ]),
  autoProcessAction: text([
    ['autoProcess', 'Processed by AI agent'],
    ['closed', 'Closed ticket'],
  ]),
};

/** Ticket priorities (rawData) and how often they occur. */
export const PRIORITIES = ['normal', 'high', 'low'] as const;
export const PRIORITY_WEIGHTS = weightedTable([
  [0, 80],
  [1, 12],
  [2, 8],
] as const);

/** Why an agent set a ticket to pending (export `statusActionDetail` of that statusAction). */
export const PENDING_REASONS = [
  'Waiting for customer reply',
  'Waiting for meter reading photo',
  'Waiting for payment',
  'Waiting for grid operator',
] as const;

/** What customers write in a CSAT survey, by how happy they were. */
export const CSAT_TEXTS = {
  happy: ['Great service!', 'Quick and friendly, thank you.', 'Problem solved.'],
  neutral: ['Okay, but it took a while.'],
  unhappy: ['Took too long.', 'Still not sure my bill is right.'],
} as const;

/** Assessment scorecards of the quality team. */
export const SCORECARDS = [42, 43, 44] as const;

/** Departments and teams of the human agents; the Autozod team follows the department. */
export interface Department {
  name: string;
  teamSets: readonly (readonly string[])[];
  autozodTeamId: string;
}

export const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Customer care',
    teamSets: [['Customer care'], ['Customer care', 'Moves'], ['Customer care', 'Complaints']],
    autozodTeamId: '1000',
  },
  { name: 'Billing', teamSets: [['Billing'], ['Billing', 'Payments']], autozodTeamId: '1001' },
  { name: 'Field service', teamSets: [['Field service']], autozodTeamId: '1002' },
];

/** Share of agents per department (index into DEPARTMENTS). */
export const DEPARTMENT_WEIGHTS = weightedTable([
  [0, 6],
  [1, 3],
  [2, 1],
] as const);
