/**
 * How long people take over a worklog entry, by channel and action, and how much of an agent's
 * on-duty time ticket work fills. These figures are assumptions (contracts/README.md, "Volumes
 * and handle times"): the vendor docs show single rows, not a contact centre's day.
 */
import type { Channel, WorklogAction } from './types.ts';

/** Seconds of work, [min, max], drawn uniformly: the mean is the middle. */
export type Range = readonly [number, number];

/** The human actions (the AI agent's autoProcessAction has its own range). */
type HumanAction = Exclude<WorklogAction, 'autoProcessAction'>;

/**
 * Handle time per channel and action (duration, without after-work). A read is short (skimming
 * the history); a reply in writing takes minutes; a phone write is the call itself, longer than
 * an email reply; a chat write is long in elapsed time but shares the agent with other chats.
 * A close is the final reply plus closing, as long as a write.
 */
const WRITING = {
  readAction: [60, 300],
  writeAction: [270, 900],
  statusAction: [10, 60],
  closeAction: [270, 900],
} as const satisfies Record<HumanAction, Range>;

export const HANDLE_SECONDS: Readonly<Record<Channel, Readonly<Record<HumanAction, Range>>>> = {
  email: WRITING,
  portal: WRITING,
  letter: {
    readAction: [90, 360],
    writeAction: [420, 1200],
    statusAction: [10, 60],
    closeAction: [420, 1200],
  },
  system: { readAction: [30, 180], writeAction: [240, 720], statusAction: [10, 60], closeAction: [240, 720] },
  phone: { readAction: [15, 90], writeAction: [360, 1200], statusAction: [10, 60], closeAction: [360, 1200] },
  walkIn: {
    readAction: [15, 90],
    writeAction: [480, 1440],
    statusAction: [10, 60],
    closeAction: [480, 1440],
  },
  chat: { readAction: [15, 90], writeAction: [420, 1380], statusAction: [10, 60], closeAction: [420, 1380] },
};

/** The AI agent answers in seconds. */
export const AUTO_PROCESS_SECONDS: Range = [4, 40];

/**
 * After-work (wrap-up) after replies and closes: nearly always after a call or a visit, often
 * after a written reply, short after a chat. [chance, min, max].
 */
export const AFTER_WORK: Readonly<Record<Channel, readonly [number, number, number]>> = {
  email: [0.7, 10, 120],
  portal: [0.7, 10, 120],
  letter: [0.8, 30, 240],
  system: [0.5, 10, 90],
  phone: [0.95, 30, 240],
  walkIn: [0.9, 30, 180],
  chat: [0.6, 10, 60],
};

/** An agent holds at most this many chats at once; chat entries never overlap other work. */
export const CHAT_CONCURRENCY = 3;
