/**
 * VoIPcube status logs and Autozod sessions held compactly (times in a Float64Array, people and
 * statuses as small indices), with the objects of World built from them on demand. A 1M-row world
 * has ~580k status logs and ~220k sessions: as objects ~170 MB of the heap, which every major
 * garbage collection traces again.
 */
import { defineLazy, recordsOf } from './lazy-views.ts';
import { isoMillis } from './time.ts';
import type { AutozodSession, StatusLog, World } from './types.ts';

/** Status logs by position, in canonical order or not: what the VoIPcube log store reads. */
export interface StatusLogSource {
  readonly length: number;
  /** The log's time in epoch ms. @throws Error when the log's time is not a date. */
  timeMs(i: number): number;
  userId(i: number): string;
  /** The log itself (read-only). */
  log(i: number): StatusLog;
}

/** Sessions by position: what the Autozod session index reads. */
export interface SessionSource {
  readonly length: number;
  agentId(i: number): string;
  /** Start and end in epoch ms (NaN when not a date). */
  startMs(i: number): number;
  endMs(i: number): number;
  /** The session itself (read-only). */
  session(i: number): AutozodSession;
}

/** A generated world's status logs: time, user and status of each, in canonical order. */
export class StatusLogRecords implements StatusLogSource {
  readonly length: number;

  constructor(
    readonly ms: Float64Array,
    /** Index into `userIds`, per log. */
    readonly users: Uint32Array,
    /** Index into `statuses`, per log. */
    readonly statuses: Uint8Array,
    readonly userIds: readonly string[],
    readonly statusTexts: readonly string[],
  ) {
    this.length = ms.length;
  }

  timeMs(i: number): number {
    return this.ms[i]!;
  }

  userId(i: number): string {
    return this.userIds[this.users[i]!]!;
  }

  log(i: number): StatusLog {
    return {
      status: this.statusTexts[this.statuses[i]!]!,
      userId: this.userId(i),
      time: isoMillis(this.ms[i]!),
    };
  }

  all(): StatusLog[] {
    return Array.from({ length: this.length }, (_, i) => this.log(i));
  }
}

/** A generated world's sessions: start, end and agent of each, in canonical order. */
export class SessionRecords implements SessionSource {
  readonly length: number;

  constructor(
    readonly start: Float64Array,
    readonly end: Float64Array,
    /** Index into `agentIds` and `teamIds`, per session. */
    readonly agents: Uint32Array,
    readonly agentIds: readonly string[],
    readonly teamIds: readonly string[],
  ) {
    this.length = start.length;
  }

  agentId(i: number): string {
    return this.agentIds[this.agents[i]!]!;
  }

  startMs(i: number): number {
    return this.start[i]!;
  }

  endMs(i: number): number {
    return this.end[i]!;
  }

  session(i: number): AutozodSession {
    const agent = this.agents[i]!;
    return {
      agentId: this.agentIds[agent]!,
      teamId: this.teamIds[agent]!,
      start: isoMillis(this.start[i]!),
      end: isoMillis(this.end[i]!),
    };
  }

  all(): AutozodSession[] {
    return Array.from({ length: this.length }, (_, i) => this.session(i));
  }
}

/** World's `voipcube` and `autozod` over the records, their arrays built on first read. */
export function dutyViews(
  logs: StatusLogRecords,
  sessions: SessionRecords,
): Pick<World, 'voipcube' | 'autozod'> {
  const voipcube = {} as World['voipcube'];
  defineLazy(voipcube, 'statusLogs', logs, () => logs.all());
  const autozod = {} as World['autozod'];
  defineLazy(autozod, 'sessions', sessions, () => sessions.all());
  return { voipcube, autozod };
}

/** Status logs as a source: an array read in place (times parsed), or a generated world's records. */
export function statusLogSource(logs: readonly StatusLog[] | StatusLogSource): StatusLogSource {
  if (!Array.isArray(logs)) return logs as StatusLogSource;
  const array = logs as readonly StatusLog[];
  return {
    length: array.length,
    timeMs(i) {
      const time = array[i]!.time;
      const ms = Date.parse(time);
      if (Number.isNaN(ms)) throw new Error(`status log time "${time}" is not a date`);
      return ms;
    },
    userId: (i) => array[i]!.userId,
    log: (i) => array[i]!,
  };
}

/** The status logs of `voipcube` without building the array where the world has records. */
export function statusLogsOf(voipcube: World['voipcube']): StatusLogSource {
  const records = recordsOf(voipcube, 'statusLogs');
  return records instanceof StatusLogRecords ? records : statusLogSource(voipcube.statusLogs);
}

/** The sessions of `autozod` without building the array where the world has records. */
export function sessionsOf(autozod: World['autozod']): SessionSource {
  const records = recordsOf(autozod, 'sessions');
  if (records instanceof SessionRecords) return records;
  const array = autozod.sessions;
  return {
    length: array.length,
    agentId: (i) => array[i]!.agentId,
    startMs: (i) => Date.parse(array[i]!.start),
    endMs: (i) => Date.parse(array[i]!.end),
    session: (i) => array[i]!,
  };
}
