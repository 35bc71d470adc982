/**
 * VoIPcube status changes and Autozod on-duty sessions, both read off the same schedule so that
 * an agent's statuses, sessions and ticket work describe one working day.
 */
import { SessionRecords, StatusLogRecords } from './duty-records.ts';
import type { Cast } from './people.ts';
import { Random } from './random.ts';
import type { Schedule } from './schedule.ts';

/** VoIPcube's "cleared" status, sent when the agent logs off. */
export const CLEARED_STATUS = '';

const SHORT_GAP_MS = 25 * 60_000;

interface TimedStatus {
  ms: number;
  status: string;
  userId: string;
  human: number;
}

/**
 * Status changes for every working day: "Available" when the agent comes on duty, "Lunch" or
 * "Break" between sessions, interludes (Meeting, Customer visit, ...) and back to "Available",
 * and "" (cleared) at the end of the day. Sorted by time, then userId; held compactly.
 */
export function buildStatusLogs(seed: number, cast: Cast, schedule: Schedule): StatusLogRecords {
  const rng = new Random(seed, 'voipcube', schedule.firstDay, schedule.dayCount);
  const times: number[] = [];
  const humans: number[] = [];
  const statuses: number[] = [];
  const statusTexts: string[] = [];
  const statusNo = new Map<string, number>();
  for (const agentDays of schedule.days) {
    const day: TimedStatus[] = [];
    for (const agentDay of agentDays) {
      const human = agentDay.human;
      const userId = cast.humans[human]!.voipcubeUserId;
      const { sessions, interludes } = agentDay;
      day.push({ ms: sessions[0]! - rng.int(0, 120_000), status: 'Available', userId, human });
      for (let s = 2; s < sessions.length; s += 2) {
        const gapStart = sessions[s - 1]!;
        const gapEnd = sessions[s]!;
        const status = gapEnd - gapStart >= SHORT_GAP_MS ? 'Lunch' : 'Break';
        day.push({ ms: gapStart + rng.int(0, 60_000), status, userId, human });
        // Back a moment before the session resumes, so work in its first minute is never "at lunch".
        day.push({ ms: gapEnd - rng.int(0, 60_000), status: 'Available', userId, human });
      }
      for (const { status, start, end } of interludes) {
        day.push({ ms: start, status, userId, human });
        day.push({ ms: end, status: 'Available', userId, human });
      }
      const last = sessions[sessions.length - 1]! + rng.int(0, 120_000);
      day.push({ ms: last, status: CLEARED_STATUS, userId, human });
    }
    day.sort(byTimeThenUser);
    for (const { ms, status, human } of day) {
      let no = statusNo.get(status);
      if (no === undefined) {
        no = statusTexts.push(status) - 1;
        statusNo.set(status, no);
      }
      times.push(ms);
      humans.push(human);
      statuses.push(no);
    }
  }
  return new StatusLogRecords(
    Float64Array.from(times),
    Uint32Array.from(humans),
    Uint8Array.from(statuses),
    cast.humans.map((h) => h.voipcubeUserId),
    statusTexts,
  );
}

function byTimeThenUser(a: TimedStatus, b: TimedStatus): number {
  return a.ms - b.ms || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/** Autozod on-duty sessions, one per schedule session; sorted by start, then agentId; held compactly. */
export function buildSessions(cast: Cast, schedule: Schedule): SessionRecords {
  const starts: number[] = [];
  const ends: number[] = [];
  const humans: number[] = [];
  for (const agentDays of schedule.days) {
    const day: { start: number; end: number; agentId: string; human: number }[] = [];
    for (const { human, sessions } of agentDays) {
      const agentId = cast.humans[human]!.autozodAgentId;
      for (let s = 0; s < sessions.length; s += 2)
        day.push({ start: sessions[s]!, end: sessions[s + 1]!, agentId, human });
    }
    day.sort((a, b) => a.start - b.start || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    for (const { start, end, human } of day) {
      starts.push(start);
      ends.push(end);
      humans.push(human);
    }
  }
  return new SessionRecords(
    Float64Array.from(starts),
    Float64Array.from(ends),
    Uint32Array.from(humans),
    cast.humans.map((h) => h.autozodAgentId),
    cast.humans.map((h) => h.teamId),
  );
}
