/**
 * The query of GET /api/sessionLogs/list, checked in a fixed order (team_id, agent_id, type,
 * start_date, end_date, then the range) so that the first broken rule is the one reported.
 */
import { apiError } from '../../src/http/errors.ts';
import { type Query, singleParam } from '../../src/http/params.ts';
import { parseDdMmYyyy } from './calendar-day.ts';

export const SESSION_TYPES = ['on_duty'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

/**
 * The longest range one request may cover, in days (both ends inclusive). Assumed: the doc sets
 * no limit, but without one a request from 01-01-0001 to 31-12-9999 would build millions of
 * breakdown items; a leap year of daily figures is what a reporting client plausibly asks for.
 */
export const MAX_RANGE_DAYS = 366;

const AGENT_ID = /^[0-9a-f]{24}$/;

export interface SessionLogQuery {
  teamId: string;
  /** Absent: the whole team's agents are aggregated. */
  agentId?: string;
  type: SessionType;
  /** Days since 1970-01-01 (UTC), both inclusive. */
  startDay: number;
  endDay: number;
}

/**
 * Validates the query; throws an ApiError (400) naming the parameter and the rule it broke.
 * Unknown parameters are ignored.
 */
export function parseSessionLogQuery(query: Query): SessionLogQuery {
  const teamId = singleParam(query, 'team_id');
  if (teamId === undefined || teamId === '') {
    throw apiError('MISSING_PARAMETER', 'team_id is required', { parameter: 'team_id' });
  }

  const agentId = singleParam(query, 'agent_id');
  if (agentId !== undefined && !AGENT_ID.test(agentId)) {
    throw apiError(
      'INVALID_PARAMETER',
      `agent_id ${JSON.stringify(agentId)} must be 24 lowercase hexadecimal characters`,
      { parameter: 'agent_id' },
    );
  }

  const type = singleParam(query, 'type') ?? 'on_duty';
  if (!isSessionType(type)) {
    throw apiError(
      'INVALID_PARAMETER',
      `type ${JSON.stringify(type)} is not supported; allowed: ${SESSION_TYPES.join(', ')}`,
      { parameter: 'type' },
    );
  }

  const startDay = requiredDate(query, 'start_date');
  const endDay = requiredDate(query, 'end_date');
  if (endDay < startDay) {
    throw apiError(
      'INVALID_PARAMETER',
      `end_date ${String(query.end_date)} is before start_date ${String(query.start_date)}`,
      { parameter: 'end_date' },
    );
  }
  const days = endDay - startDay + 1;
  if (days > MAX_RANGE_DAYS) {
    throw apiError(
      'PERIOD_TOO_LONG',
      `start_date to end_date covers ${days} days; at most ${MAX_RANGE_DAYS} are allowed`,
      { parameter: 'end_date' },
    );
  }

  return agentId === undefined
    ? { teamId, type, startDay, endDay }
    : { teamId, agentId, type, startDay, endDay };
}

function isSessionType(value: string): value is SessionType {
  return (SESSION_TYPES as readonly string[]).includes(value);
}

function requiredDate(query: Query, name: 'start_date' | 'end_date'): number {
  const text = singleParam(query, name);
  if (text === undefined || text === '') {
    throw apiError('MISSING_PARAMETER', `${name} is required (DD-MM-YYYY)`, { parameter: name });
  }
  const parsed = parseDdMmYyyy(text);
  if (parsed.ok) return parsed.day;
  const message =
    parsed.reason === 'format'
      ? `${name} ${JSON.stringify(text)} must be in DD-MM-YYYY format, e.g. 21-08-2025`
      : `${name} ${text} is not a calendar date (DD-MM-YYYY)`;
  throw apiError('INVALID_PARAMETER', message, { parameter: name });
}
