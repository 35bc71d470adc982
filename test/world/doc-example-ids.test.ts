import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { generateWorld } from '../../src/world/index.ts';

const world = generateWorld();

describe("the vendor docs' own sample requests answer with data", () => {
  it("the first agents carry the docs' example ids, in every seed", () => {
    for (const seed of [42, 7]) {
      const [first, second] = generateWorld({ seed, size: { agents: 3, days: 5, tickets: 5 } }).people;
      expect(first?.autozod).toEqual({ agentId: '68a6d35049a09719b70539b4', teamId: '1000' });
      expect(first?.voipcube?.userId).toBe('0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e');
      expect(second?.voipcube?.userId).toBe('ebd1a29a-8980-404c-9def-cd54865abdc1');
    }
  });

  it("Autozod's curl (team 1000, agent 68a6…39b4, 21-08-2025, a JSON body) returns that day's sessions", async () => {
    const res = await request(createApp({ world }))
      .get(
        '/autozod/api/sessionLogs/list?team_id=1000&agent_id=68a6d35049a09719b70539b4&type=on_duty&start_date=21-08-2025&end_date=21-08-2025',
      )
      .set('Accept', 'application/json')
      .set('Authorization', `Bearer ${DEFAULT_CREDENTIALS.autozod.token}`)
      .set('Content-Type', 'application/json')
      .send('{}');
    expect(res.status).toBe(200);
    expect(res.body.data.daily_breakdown).toHaveLength(1);
    expect(res.body.data.summary.total_session_count).toBeGreaterThan(0);
  });

  it("VoIPcube's userIds[] example selects exactly those two users' logs", async () => {
    const res = await request(createApp({ world }))
      .get(
        '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-30&userIds[]=0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e&userIds[]=ebd1a29a-8980-404c-9def-cd54865abdc1',
      )
      .set('Key', DEFAULT_CREDENTIALS.voipcube.key);
    expect(res.status).toBe(200);
    const users = new Set((res.body as { userId: string }[]).map((l) => l.userId));
    expect([...users].sort()).toEqual([
      '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
      'ebd1a29a-8980-404c-9def-cd54865abdc1',
    ]);
  });
});
