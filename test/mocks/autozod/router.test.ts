import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTH, agent, createTestApp, handMadeWorld, PATH } from './app-helper.ts';

const DOC_AGENT = '68a6d35049a09719b70539b4';
const MATE = '68a6d35049a09719b70539b5';
const OTHER = '0123456789abcdef01234567';
const GHOST = 'ffffffffffffffffffffffff';

const world = handMadeWorld(
  [agent(DOC_AGENT, '1000'), agent(MATE, '1000'), agent(OTHER, '2000')],
  [
    {
      agentId: DOC_AGENT,
      teamId: '1000',
      start: '2024-12-31T08:00:00.000Z',
      end: '2024-12-31T16:00:00.000Z',
    },
    { agentId: MATE, teamId: '1000', start: '2025-01-01T10:00:00.000Z', end: '2025-01-01T11:00:00.000Z' },
    {
      agentId: DOC_AGENT,
      teamId: '1000',
      start: '2025-08-21T08:00:00.000Z',
      end: '2025-08-21T12:30:00.000Z',
    },
    { agentId: MATE, teamId: '1000', start: '2025-08-21T09:00:00.000Z', end: '2025-08-21T09:30:00.000Z' },
    {
      agentId: DOC_AGENT,
      teamId: '1000',
      start: '2025-08-21T13:15:00.000Z',
      end: '2025-08-21T17:45:00.000Z',
    },
    { agentId: OTHER, teamId: '2000', start: '2025-08-21T07:00:00.000Z', end: '2025-08-21T15:00:00.000Z' },
    {
      agentId: DOC_AGENT,
      teamId: '1000',
      start: '2025-08-31T22:00:00.000Z',
      end: '2025-08-31T23:59:59.000Z',
    },
    {
      agentId: DOC_AGENT,
      teamId: '1000',
      start: '2025-09-01T00:00:00.000Z',
      end: '2025-09-01T06:00:00.000Z',
    },
  ],
);
const app = createTestApp(world);

const DOC_QUERY = `team_id=1000&agent_id=${DOC_AGENT}&type=on_duty&start_date=21-08-2025&end_date=21-08-2025`;

function get(query: string) {
  return request(app).get(`${PATH}?${query}`).set('Authorization', AUTH);
}

describe('GET /autozod/api/sessionLogs/list on a hand-made world', () => {
  it('answers the doc example request (with its JSON body {}) with the agent’s day', async () => {
    const res = await request(app)
      .get(`${PATH}?${DOC_QUERY}`)
      .set('Accept', 'application/json')
      .set('Authorization', AUTH)
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({
      success: true,
      data: {
        summary: {
          total_active_duration_seconds: 32_400,
          total_active_duration_format: '09:00:00',
          total_session_count: 2,
          total_inactive_duration_seconds: 2_700,
          total_inactive_duration_format: '00:45:00',
          active_percentage: 92.31,
          inactive_percentage: 7.69,
        },
        daily_breakdown: [
          {
            date: '21-08-2025',
            active_duration_seconds: 32_400,
            active_duration_format: '09:00:00',
            // The 45-minute lunch break between the two sessions.
            inactive_duration_seconds: 2_700,
            inactive_duration_format: '00:45:00',
            session_count: 2,
            sessions: [
              {
                agent_id: DOC_AGENT,
                start: '2025-08-21T08:00:00.000Z',
                end: '2025-08-21T12:30:00.000Z',
                duration_seconds: 16_200,
              },
              {
                agent_id: DOC_AGENT,
                start: '2025-08-21T13:15:00.000Z',
                end: '2025-08-21T17:45:00.000Z',
                duration_seconds: 16_200,
              },
            ],
          },
        ],
      },
    });
  });

  it('answers the same with no body, and ignores a malformed JSON body or another content type', async () => {
    const plain = await get(DOC_QUERY);
    const malformed = await get(DOC_QUERY).set('Content-Type', 'application/json').send('{not json');
    const text = await get(DOC_QUERY).set('Content-Type', 'text/plain').send('hello');
    expect(plain.status).toBe(200);
    expect(malformed.status).toBe(200);
    expect(text.status).toBe(200);
    expect(malformed.body).toEqual(plain.body);
    expect(text.body).toEqual(plain.body);
  });

  it('aggregates the whole team when agent_id is left out, sessions ordered by start', async () => {
    const res = await get('team_id=1000&start_date=21-08-2025&end_date=21-08-2025');
    expect(res.status).toBe(200);
    const [dayItem] = res.body.data.daily_breakdown;
    expect(dayItem.sessions.map((s: { agent_id: string; start: string }) => [s.agent_id, s.start])).toEqual([
      [DOC_AGENT, '2025-08-21T08:00:00.000Z'],
      [MATE, '2025-08-21T09:00:00.000Z'],
      [DOC_AGENT, '2025-08-21T13:15:00.000Z'],
    ]);
    expect(res.body.data.summary).toEqual({
      total_active_duration_seconds: 34_200,
      total_active_duration_format: '09:30:00',
      total_session_count: 3,
      // The doc agent's lunch break; the mate's single session has none.
      total_inactive_duration_seconds: 2_700,
      total_inactive_duration_format: '00:45:00',
      active_percentage: 92.68,
      inactive_percentage: 7.32,
    });
  });

  it('defaults type to on_duty', async () => {
    const explicit = await get(DOC_QUERY);
    const implicit = await get(
      `team_id=1000&agent_id=${DOC_AGENT}&start_date=21-08-2025&end_date=21-08-2025`,
    );
    expect(implicit.status).toBe(200);
    expect(implicit.body).toEqual(explicit.body);
  });

  it('lists every day across a month end, days without sessions with zeros and no inactive time', async () => {
    const res = await get(`team_id=1000&agent_id=${DOC_AGENT}&start_date=30-08-2025&end_date=02-09-2025`);
    expect(res.status).toBe(200);
    expect(
      res.body.data.daily_breakdown.map((d: Record<string, unknown>) => [
        d.date,
        d.active_duration_seconds,
        d.inactive_duration_seconds,
        d.inactive_duration_format,
        d.session_count,
      ]),
    ).toEqual([
      ['30-08-2025', 0, 0, '00:00:00', 0],
      ['31-08-2025', 7199, 0, '00:00:00', 1],
      ['01-09-2025', 21_600, 0, '00:00:00', 1],
      ['02-09-2025', 0, 0, '00:00:00', 0],
    ]);
    expect(res.body.data.daily_breakdown[0].sessions).toEqual([]);
    expect(res.body.data.summary).toMatchObject({
      total_active_duration_seconds: 28_799,
      total_active_duration_format: '07:59:59',
      total_session_count: 2,
      total_inactive_duration_seconds: 0,
      total_inactive_duration_format: '00:00:00',
      active_percentage: 100,
      inactive_percentage: 0,
    });
  });

  it('lists every day across a year end for the team', async () => {
    const res = await get('team_id=1000&start_date=30-12-2024&end_date=02-01-2025');
    expect(res.status).toBe(200);
    expect(
      res.body.data.daily_breakdown.map((d: Record<string, unknown>) => [
        d.date,
        d.active_duration_seconds,
        d.session_count,
      ]),
    ).toEqual([
      ['30-12-2024', 0, 0],
      ['31-12-2024', 28_800, 1],
      ['01-01-2025', 3600, 1],
      ['02-01-2025', 0, 0],
    ]);
    // Each agent has one session a day: no break, so nothing is inactive.
    expect(res.body.data.summary.total_inactive_duration_seconds).toBe(0);
  });

  it('answers a range without any session with all days at zero and 0 % / 0 %', async () => {
    const res = await get('team_id=2000&start_date=01-01-2020&end_date=03-01-2020');
    expect(res.status).toBe(200);
    expect(res.body.data.summary).toEqual({
      total_active_duration_seconds: 0,
      total_active_duration_format: '00:00:00',
      total_session_count: 0,
      total_inactive_duration_seconds: 0,
      total_inactive_duration_format: '00:00:00',
      active_percentage: 0,
      inactive_percentage: 0,
    });
    expect(res.body.data.daily_breakdown.map((d: { date: string }) => d.date)).toEqual([
      '01-01-2020',
      '02-01-2020',
      '03-01-2020',
    ]);
  });

  it('answers a leap year for the team without counting days before or after its data', async () => {
    const res = await get('team_id=1000&start_date=01-01-2024&end_date=31-12-2024');
    expect(res.status).toBe(200);
    expect(res.body.data.daily_breakdown).toHaveLength(366);
    expect(res.body.data.summary).toMatchObject({
      total_active_duration_seconds: 28_800,
      total_inactive_duration_seconds: 0,
      active_percentage: 100,
      inactive_percentage: 0,
    });
  });

  describe('authentication', () => {
    it('refuses a request without Authorization', async () => {
      const res = await request(app).get(`${PATH}?${DOC_QUERY}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="autozod"');
      expect(res.body).toEqual({
        success: false,
        message: 'a bearer token is required in the Authorization header',
        code: 'UNAUTHENTICATED',
      });
    });

    it('refuses another scheme', async () => {
      const res = await request(app).get(`${PATH}?${DOC_QUERY}`).set('Authorization', 'Basic dXNlcjpwYXNz');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        message: 'the Authorization header must be "Bearer <token>"',
        code: 'UNAUTHENTICATED',
      });
    });

    it('refuses a wrong token', async () => {
      const res = await request(app).get(`${PATH}?${DOC_QUERY}`).set('Authorization', 'Bearer nope');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        success: false,
        message: 'the bearer token is not valid',
        code: 'UNAUTHENTICATED',
      });
    });

    it('checks the token before the parameters', async () => {
      const res = await request(app).get(`${PATH}?start_date=nope`);
      expect(res.status).toBe(401);
    });
  });

  describe('parameter errors', () => {
    it.each([
      ['start_date=21-08-2025&end_date=21-08-2025', 'MISSING_PARAMETER', 'team_id', 'team_id is required'],
      [
        'team_id=&start_date=21-08-2025&end_date=21-08-2025',
        'MISSING_PARAMETER',
        'team_id',
        'team_id is required',
      ],
      [
        'team_id=1000&end_date=21-08-2025',
        'MISSING_PARAMETER',
        'start_date',
        'start_date is required (DD-MM-YYYY)',
      ],
      [
        'team_id=1000&start_date=21-08-2025',
        'MISSING_PARAMETER',
        'end_date',
        'end_date is required (DD-MM-YYYY)',
      ],
      [
        'team_id=1000&agent_id=XYZ&start_date=21-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'agent_id',
        'agent_id "XYZ" must be 24 lowercase hexadecimal characters',
      ],
      [
        'team_id=1000&type=off_duty&start_date=21-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'type',
        'type "off_duty" is not supported; allowed: on_duty',
      ],
      [
        'team_id=1000&start_date=2025-08-21&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'start_date',
        'start_date "2025-08-21" must be in DD-MM-YYYY format, e.g. 21-08-2025',
      ],
      [
        'team_id=1000&start_date=21-08-2025&end_date=2025-08-21',
        'INVALID_PARAMETER',
        'end_date',
        'end_date "2025-08-21" must be in DD-MM-YYYY format, e.g. 21-08-2025',
      ],
      [
        'team_id=1000&start_date=31-02-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'start_date',
        'start_date 31-02-2025 is not a calendar date (DD-MM-YYYY)',
      ],
      [
        'team_id=1000&start_date=21-08-2025&end_date=20-08-2025',
        'INVALID_PARAMETER',
        'end_date',
        'end_date 20-08-2025 is before start_date 21-08-2025',
      ],
      [
        'team_id=1000&start_date=01-01-2024&end_date=01-01-2025',
        'PERIOD_TOO_LONG',
        'end_date',
        'start_date to end_date covers 367 days; at most 366 are allowed',
      ],
      [
        'team_id=1000&team_id=2000&start_date=21-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'team_id',
        'team_id must be given at most once',
      ],
      [
        `team_id=1000&agent_id=${DOC_AGENT}&agent_id=${MATE}&start_date=21-08-2025&end_date=21-08-2025`,
        'INVALID_PARAMETER',
        'agent_id',
        'agent_id must be given at most once',
      ],
      [
        'team_id=1000&type=on_duty&type=on_duty&start_date=21-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'type',
        'type must be given at most once',
      ],
      [
        'team_id=1000&start_date=21-08-2025&start_date=22-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'start_date',
        'start_date must be given at most once',
      ],
      [
        'team_id=1000&start_date=21-08-2025&end_date=21-08-2025&end_date=21-08-2025',
        'INVALID_PARAMETER',
        'end_date',
        'end_date must be given at most once',
      ],
    ])('%s → 400 %s naming %s', async (query, code, parameter, message) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ success: false, message, code, parameter });
    });
  });

  describe('unknown agents and teams', () => {
    it('answers 404 for an agent that does not exist', async () => {
      const res = await get(`team_id=1000&agent_id=${GHOST}&start_date=21-08-2025&end_date=21-08-2025`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        success: false,
        message: `agent ${GHOST} does not exist`,
        code: 'NOT_FOUND',
        parameter: 'agent_id',
      });
    });

    it('answers 404 for an agent of another team', async () => {
      const res = await get(`team_id=1000&agent_id=${OTHER}&start_date=21-08-2025&end_date=21-08-2025`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        success: false,
        message: `agent ${OTHER} is not in team 1000`,
        code: 'NOT_FOUND',
        parameter: 'agent_id',
      });
    });

    it('answers 404 for a team without agents', async () => {
      const res = await get('team_id=9999&start_date=21-08-2025&end_date=21-08-2025');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({
        success: false,
        message: 'team 9999 has no agents',
        code: 'NOT_FOUND',
        parameter: 'team_id',
      });
    });
  });

  it('answers 405 with Allow for other methods on the endpoint', async () => {
    const res = await request(app).post(`${PATH}?${DOC_QUERY}`).set('Authorization', AUTH).send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toEqual({
      success: false,
      message: '/api/sessionLogs/list accepts only GET',
      code: 'METHOD_NOT_ALLOWED',
    });
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await request(app).head(`${PATH}?${DOC_QUERY}`).set('Authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({});
  });
});
