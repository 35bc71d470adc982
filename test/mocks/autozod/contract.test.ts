import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Operation } from '../../../src/contract/index.ts';
import { generateWorld } from '../../../src/world/index.ts';
import { AUTH, createTestApp, PATH } from './app-helper.ts';

let app: ReturnType<typeof createTestApp>;
let operation: Operation;
let agentOf: Record<string, string>;
beforeAll(async () => {
  const world = generateWorld();
  app = createTestApp(world);
  operation = (await loadContract('autozod')).operation('get', '/api/sessionLogs/list');
  agentOf = {};
  for (const p of world.people) if (p.autozod) agentOf[p.autozod.teamId] ??= p.autozod.agentId;
});

describe('Autozod answers keep contracts/autozod.yaml', () => {
  it.each([
    [
      'the doc example dates for an agent',
      (a: Record<string, string>) =>
        `team_id=1000&agent_id=${a['1000']}&type=on_duty&start_date=21-08-2025&end_date=21-08-2025`,
    ],
    ['a whole team over a month end', () => 'team_id=1001&start_date=30-08-2025&end_date=02-09-2025'],
    [
      'an agent over a year end',
      (a: Record<string, string>) =>
        `team_id=1002&agent_id=${a['1002']}&start_date=30-12-2024&end_date=02-01-2025`,
    ],
    ['a team over 366 days', () => 'team_id=1000&start_date=30-09-2024&end_date=30-09-2025'],
    ['days before the world began', () => 'team_id=1000&start_date=01-01-2020&end_date=05-01-2020'],
  ])('a 200 body for %s validates', async (_label, query) => {
    const res = await request(app)
      .get(`${PATH}?${query(agentOf)}`)
      .set('Authorization', AUTH);
    expect(res.status).toBe(200);
    expect(res.body.data.daily_breakdown.length).toBeGreaterThan(0);
    expect(operation.validateResponse(200, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it.each([
    ['start_date=21-08-2025&end_date=21-08-2025', 400],
    ['team_id=1000&start_date=2025-08-21&end_date=21-08-2025', 400],
    ['team_id=1000&start_date=31-02-2025&end_date=21-08-2025', 400],
    ['team_id=1000&start_date=21-08-2025&end_date=20-08-2025', 400],
    ['team_id=1000&type=off_duty&start_date=21-08-2025&end_date=21-08-2025', 400],
    ['team_id=1000&start_date=01-01-2024&end_date=01-01-2025', 400],
    ['team_id=1000&agent_id=ffffffffffffffffffffffff&start_date=21-08-2025&end_date=21-08-2025', 404],
    ['team_id=9999&start_date=21-08-2025&end_date=21-08-2025', 404],
  ])('an error body for %s validates as status %i', async (query, status) => {
    const res = await request(app).get(`${PATH}?${query}`).set('Authorization', AUTH);
    expect(res.status).toBe(status);
    expect(operation.validateResponse(status, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it('a 401 body validates', async () => {
    const res = await request(app).get(`${PATH}?team_id=1000&start_date=21-08-2025&end_date=21-08-2025`);
    expect(res.status).toBe(401);
    expect(operation.validateResponse(401, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it('would notice a body that breaks the contract', () => {
    const broken = {
      success: true,
      data: {
        summary: {
          total_active_duration_seconds: 0,
          total_active_duration_format: '0:00:00',
          total_session_count: 0,
          total_inactive_duration_seconds: 86_400,
          total_inactive_duration_format: '24:00:00',
          active_percentage: 0,
          inactive_percentage: 100,
        },
        daily_breakdown: [],
      },
    };
    expect(operation.validateResponse(200, 'application/json', broken)).not.toEqual([]);
  });
});
