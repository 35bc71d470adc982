import { describe, expect, it } from 'vitest';
import { parseDdMmYyyy } from '../../../mocks/autozod/calendar-day.ts';
import { MAX_RANGE_DAYS, parseSessionLogQuery } from '../../../mocks/autozod/params.ts';
import type { ApiError } from '../../../src/http/errors.ts';

const AGENT = '68a6d35049a09719b70539b4';
const DOC_QUERY = {
  team_id: '1000',
  agent_id: AGENT,
  type: 'on_duty',
  start_date: '21-08-2025',
  end_date: '21-08-2025',
};
const day = (text: string) => (parseDdMmYyyy(text) as { day: number }).day;

function failure(
  query: Record<string, unknown>,
): Pick<ApiError, 'status' | 'code' | 'message' | 'parameter'> {
  try {
    parseSessionLogQuery(query);
  } catch (err) {
    const { status, code, message, parameter } = err as ApiError;
    return { status, code, message, parameter };
  }
  throw new Error('expected the query to be refused');
}

describe('parseSessionLogQuery', () => {
  it('reads the doc example query', () => {
    expect(parseSessionLogQuery(DOC_QUERY)).toEqual({
      teamId: '1000',
      agentId: AGENT,
      type: 'on_duty',
      startDay: day('21-08-2025'),
      endDay: day('21-08-2025'),
    });
  });

  it('defaults type to on_duty, leaves agent_id out and ignores unknown parameters', () => {
    expect(
      parseSessionLogQuery({ team_id: '7', start_date: '30-12-2024', end_date: '02-01-2025', page: '3' }),
    ).toEqual({ teamId: '7', type: 'on_duty', startDay: day('30-12-2024'), endDay: day('02-01-2025') });
  });

  it.each([
    ['team_id', { team_id: undefined }, 'team_id is required'],
    ['team_id', { team_id: '' }, 'team_id is required'],
    ['start_date', { start_date: undefined }, 'start_date is required (DD-MM-YYYY)'],
    ['start_date', { start_date: '' }, 'start_date is required (DD-MM-YYYY)'],
    ['end_date', { end_date: undefined }, 'end_date is required (DD-MM-YYYY)'],
  ])('refuses a missing %s (%j)', (parameter, patch, message) => {
    const query: Record<string, unknown> = { ...DOC_QUERY, ...patch };
    for (const [k, v] of Object.entries(query)) if (v === undefined) delete query[k];
    expect(failure(query)).toEqual({ status: 400, code: 'MISSING_PARAMETER', message, parameter });
  });

  it.each([
    [
      'agent_id',
      { agent_id: '68A6D35049A09719B70539B4' },
      'agent_id "68A6D35049A09719B70539B4" must be 24 lowercase hexadecimal characters',
    ],
    [
      'agent_id',
      { agent_id: '68a6d35049a09719b70539b' },
      'agent_id "68a6d35049a09719b70539b" must be 24 lowercase hexadecimal characters',
    ],
    ['agent_id', { agent_id: '' }, 'agent_id "" must be 24 lowercase hexadecimal characters'],
    ['type', { type: 'off_duty' }, 'type "off_duty" is not supported; allowed: on_duty'],
    ['type', { type: '' }, 'type "" is not supported; allowed: on_duty'],
    [
      'start_date',
      { start_date: '2025-08-21' },
      'start_date "2025-08-21" must be in DD-MM-YYYY format, e.g. 21-08-2025',
    ],
    [
      'end_date',
      { end_date: '2025-08-21' },
      'end_date "2025-08-21" must be in DD-MM-YYYY format, e.g. 21-08-2025',
    ],
    ['start_date', { start_date: '31-02-2025' }, 'start_date 31-02-2025 is not a calendar date (DD-MM-YYYY)'],
    ['end_date', { end_date: '29-02-2025' }, 'end_date 29-02-2025 is not a calendar date (DD-MM-YYYY)'],
    ['end_date', { end_date: '20-08-2025' }, 'end_date 20-08-2025 is before start_date 21-08-2025'],
    ['team_id', { team_id: ['1000', '1001'] }, 'team_id must be given at most once'],
    ['agent_id', { agent_id: [AGENT, AGENT] }, 'agent_id must be given at most once'],
    ['type', { type: ['on_duty', 'on_duty'] }, 'type must be given at most once'],
    ['start_date', { start_date: ['21-08-2025', '21-08-2025'] }, 'start_date must be given at most once'],
    ['end_date', { end_date: ['21-08-2025', '22-08-2025'] }, 'end_date must be given at most once'],
  ])('refuses a bad %s (%j)', (parameter, patch, message) => {
    expect(failure({ ...DOC_QUERY, ...patch })).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER',
      message,
      parameter,
    });
  });

  it(`accepts ${MAX_RANGE_DAYS} days and refuses one more`, () => {
    expect(MAX_RANGE_DAYS).toBe(366);
    expect(
      parseSessionLogQuery({ ...DOC_QUERY, start_date: '01-01-2024', end_date: '31-12-2024' }),
    ).toMatchObject({
      startDay: day('01-01-2024'),
      endDay: day('31-12-2024'),
    });
    expect(failure({ ...DOC_QUERY, start_date: '01-01-2024', end_date: '01-01-2025' })).toEqual({
      status: 400,
      code: 'PERIOD_TOO_LONG',
      message: 'start_date to end_date covers 367 days; at most 366 are allowed',
      parameter: 'end_date',
    });
  });

  it('reports the first broken rule in parameter order', () => {
    expect(failure({ agent_id: 'x', type: 'y', start_date: 'z' }).parameter).toBe('team_id');
    expect(failure({ team_id: '1', agent_id: 'x', type: 'y', start_date: 'z' }).parameter).toBe('agent_id');
    expect(failure({ team_id: '1', type: 'y', start_date: 'z' }).parameter).toBe('type');
    expect(failure({ team_id: '1', start_date: 'z' }).parameter).toBe('start_date');
  });
});
