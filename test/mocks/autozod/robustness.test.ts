import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { AUTH, agent, createTestApp, handMadeWorld, PATH } from './app-helper.ts';

const AGENT = '68a6d35049a09719b70539b4';
const app = createTestApp(
  handMadeWorld(
    [agent(AGENT, '1000')],
    [{ agentId: AGENT, teamId: '1000', start: '2025-08-21T08:00:00.000Z', end: '2025-08-21T12:00:00.000Z' }],
  ),
);

const value = fc.oneof(
  fc.constantFrom(
    '1000',
    AGENT,
    'on_duty',
    '21-08-2025',
    '31-02-2025',
    '01-01-0000',
    '31-12-9999',
    '',
    '%',
    '%ZZ',
  ),
  fc.string({ maxLength: 12 }),
);
const pair = fc.tuple(
  fc.constantFrom('team_id', 'agent_id', 'type', 'start_date', 'end_date', 'x', '__proto__'),
  value,
);

describe('robustness', () => {
  it('answers any query with 200, 400 or 404 in the vendor error shape, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 6 }), async (pairs) => {
        const query = pairs.map(([k, v]) => `${k}=${v.includes('%') ? v : encodeURIComponent(v)}`).join('&');
        const res = await request(app).get(`${PATH}?${query}`).set('Authorization', AUTH);
        expect([200, 400, 404]).toContain(res.status);
        if (res.status === 200) expect(res.body.success).toBe(true);
        else
          expect(res.body).toMatchObject({
            success: false,
            code: expect.any(String),
            message: expect.any(String),
          });
      }),
      { numRuns: 150 },
    );
  });
});
