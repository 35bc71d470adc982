/**
 * VoIPcube status changes and Autozod on-duty sessions, both read off the same schedule so that
 * an agent's statuses, sessions and ticket work describe one working day.
 */
import type { Cast } from './people.ts';
import { Random } from './random.ts';
import type { Schedule } from './schedule.ts';
import { isoMillis } from './time.ts';
import type { AutozodSession, StatusLog } from './types.ts';

/** VoIPcube's "cleared" status, sent when the agent logs off. */
export const CLEARED_STATUS = '';

const SHORT_GAP_MS = 25 * 60_000;

interface TimedStatus {
  ms: number;
  status: string;
  userId: string;
}

/**
 * Status changes for every working day: "Available" when the agent comes on duty, "Lunch" or
 * "Break" between sessions, interludes (Meeting, Customer visit, ...) and back to "Available",
 * and "" (cleared) at the end of the day. Sorted by time, then userId.
 */
export function buildStatusLogs(seed: number, cast: Cast, schedule: Schedule): StatusLog[] {
  const rng = new Random(seed, 'voipcube', schedule.firstDay, schedule.dayCount);
  const logs: StatusLog[] = [];
  for (const agentDays of schedule.days) {
    const day: TimedStatus[] = [];
    for (const agentDay of agentDays) {
      const userId = cast.humans[agentDay.human]!.voipcubeUserId;
      const { sessions, interludes } = agentDay;
      day.push({ ms: sessions[0]! - rng.int(0, 120_000), status: 'Available', userId });
      for (let s = 2; s < sessions.length; s += 2) {
        const gapStart = sessions[s - 1]!;
        const gapEnd = sessions[s]!;
        const status = gapEnd - gapStart >= SHORT_GAP_MS ? 'Lunch' : 'Break';
        day.push({ ms: gapStart + rng.int(0, 60_000), status, userId });
        // Back a moment before the session resumes, so work in its first minute is never "at lunch".
        day.push({ ms: gapEnd - rng.int(0, 60_000), status: 'Available', userId });
      }
      for (const { status, start, end } of interludes) {
        day.push({ ms: start, status, userId });
        day.push({ ms: end, status: 'Available', userId });
      }
      day.push({ ms: sessions[sessions.length - 1]! + rng.int(0, 120_000), status: CLEARED_STATUS, userId });
    }
    day.sort(byTimeThenUser);
    for (const { ms, status, userId } of day) logs.push({ status, userId, time: isoMillis(ms) });
  }
  return logs;
}

function byTimeThenUser(a: TimedStatus, b: TimedStatus): number {
  return a.ms - b.ms || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/** Autozod on-duty sessions, one per schedule session; sorted by start, then agentId. */
export function buildSessions(cast: Cast, schedule: Schedule): AutozodSession[] {
  const out: AutozodSession[] = [];
  for (const agentDays of schedule.days) {
    const day: { start: number; end: number; agentId: string; teamId: string }[] = [];
    for (const { human, sessions } of agentDays) {
      const { autozodAgentId: agentId, teamId } = cast.humans[human]!;
      for (let s = 0; s < sessions.length; s += 2)
        day.push({ start: sessions[s]!, end: sessions[s + 1]!, agentId, teamId });
    }
    day.sort((a, b) => a.start - b.start || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
    for (const { start, end, agentId, teamId } of day) {
      out.push({ agentId, teamId, start: isoMillis(start), end: isoMillis(end) });
    }
  }
  return out;
}
