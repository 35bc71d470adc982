/**
 * The answer of GET /api/sessionLogs/list as pure data: a per-day breakdown of on-duty sessions
 * and a summary that is exactly the sum of that breakdown.
 *
 * Assumed meaning of "inactive": the breaks inside an agent's working day, i.e. the time from the
 * agent's first on-duty start to their last on-duty end of that day that is not on duty. A day
 * without sessions has neither active nor inactive time. Counting the rest of a 24-hour day
 * instead made a full-time agent look 20–30 % active, and days before the agent's first day or
 * after the anchor diluted the share further; with breaks only, a full-time agent with a lunch
 * break reads about 90 % active, as a time-tracking report of such an agent would.
 */
import { formatDdMmYyyy } from './calendar-day.ts';
import { formatDuration } from './duration-format.ts';

/** One on-duty session as listed in a day of the breakdown. */
export interface SessionItem {
  agent_id: string;
  /** ISO 8601 UTC with milliseconds. */
  start: string;
  end: string;
  duration_seconds: number;
}

/** The sessions of one UTC day (day number since 1970-01-01), ordered by start then agent_id. */
export interface DaySessions {
  day: number;
  sessions: readonly SessionItem[];
}

export interface DailyBreakdownItem {
  date: string;
  active_duration_seconds: number;
  active_duration_format: string;
  inactive_duration_seconds: number;
  inactive_duration_format: string;
  session_count: number;
  sessions: readonly SessionItem[];
}

/** The seven summary fields, in the order of the vendor's example. */
export interface SessionLogsSummary {
  total_active_duration_seconds: number;
  total_active_duration_format: string;
  total_session_count: number;
  total_inactive_duration_seconds: number;
  total_inactive_duration_format: string;
  active_percentage: number;
  inactive_percentage: number;
}

export interface SessionLogsData {
  summary: SessionLogsSummary;
  daily_breakdown: DailyBreakdownItem[];
}

/**
 * Builds the breakdown (one item per given day, in the given order) and its summary.
 * @param days the range's days, oldest first, each with its sessions (possibly none)
 */
export function summarizeSessionLogs(days: readonly DaySessions[]): SessionLogsData {
  let totalActive = 0;
  let totalInactive = 0;
  let totalSessions = 0;
  const daily_breakdown = days.map(({ day, sessions }): DailyBreakdownItem => {
    let active = 0;
    for (const s of sessions) active += s.duration_seconds;
    // One agent's sessions never overlap in the world; should they, inactive stays at 0.
    const inactive = Math.max(0, workingSpanSeconds(sessions) - active);
    totalActive += active;
    totalInactive += inactive;
    totalSessions += sessions.length;
    return {
      date: formatDdMmYyyy(day),
      active_duration_seconds: active,
      active_duration_format: formatDuration(active),
      inactive_duration_seconds: inactive,
      inactive_duration_format: formatDuration(inactive),
      session_count: sessions.length,
      sessions,
    };
  });
  return {
    summary: {
      total_active_duration_seconds: totalActive,
      total_active_duration_format: formatDuration(totalActive),
      total_session_count: totalSessions,
      total_inactive_duration_seconds: totalInactive,
      total_inactive_duration_format: formatDuration(totalInactive),
      ...sharePercentages(totalActive, totalInactive),
    },
    daily_breakdown,
  };
}

/**
 * The sum over agents of each agent's working span on one day: whole seconds from their first
 * session's start to their last session's end. Not less than the day's active seconds when each
 * agent's sessions are disjoint, since a floor of a sum is at least the sum of the floors.
 */
export function workingSpanSeconds(sessions: readonly SessionItem[]): number {
  const spans = new Map<string, { from: number; to: number }>();
  for (const s of sessions) {
    const from = Date.parse(s.start);
    const to = Date.parse(s.end);
    const span = spans.get(s.agent_id);
    if (!span) spans.set(s.agent_id, { from, to });
    else {
      span.from = Math.min(span.from, from);
      span.to = Math.max(span.to, to);
    }
  }
  let total = 0;
  for (const { from, to } of spans.values()) total += Math.floor((to - from) / 1000);
  return total;
}

/**
 * The active and inactive shares of the total, in percent to 2 decimals, adding up to exactly 100;
 * both 0 when there is no time at all.
 */
export function sharePercentages(
  active: number,
  inactive: number,
): { active_percentage: number; inactive_percentage: number } {
  const total = active + inactive;
  if (total <= 0) return { active_percentage: 0, inactive_percentage: 0 };
  // Work in whole hundredths of a percent so the two shares are exact complements; every
  // h/100 + (10000 − h)/100 is exactly 100 in doubles (checked for all h in 0..10000).
  const hundredths = Math.round((active * 10_000) / total);
  return { active_percentage: hundredths / 100, inactive_percentage: (10_000 - hundredths) / 100 };
}
