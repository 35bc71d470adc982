/**
 * Data overrides (issue 18 item 2): rows checked against the contract, then served with the
 * vendor's own rules (date ranges, sorting, paging, privacy, summaries) until removed.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, enneoToken, smallWorld } from './helpers.ts';

const app = (settings = {}) => createApp({ world: smallWorld(), settings });
type App = ReturnType<typeof app>;
const override = (a: App, body: object) => request(a).post('/__standin/stubs').send(body);
const USER = '1b4e28ba-2ca1-4a5e-9b1c-2f1d3c4b5a69';
const STATUSES = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02';
const voipcube = (a: App) => request(a).get(STATUSES).set('Key', DEV.voipcube.key);

describe('data overrides', () => {
  it('serves VoIPcube rows in time order and within the asked date range', async () => {
    const a = app();
    const rows = [
      { status: 'Brand new status', userId: USER, time: '2025-09-01T12:00:00.000Z' },
      { status: 'Available', userId: USER, time: '2025-09-01T08:00:00.000Z' },
      { status: 'Outside', userId: USER, time: '2025-09-20T08:00:00.000Z' },
    ];
    const created = await override(a, { vendor: 'voipcube', dataset: 'userStatuses', rows }).expect(201);
    expect(created.body).toEqual({ id: 'stub-1', vendor: 'voipcube', dataset: 'userStatuses', rows });
    const res = await voipcube(a).expect(200);
    expect(res.body).toEqual([rows[1], rows[0]]);
    expect((await request(a).get('/__standin/stubs')).body).toEqual({ stubs: [created.body] });
    await request(a).delete('/__standin/stubs/stub-1').expect(204);
    const world = await voipcube(a).expect(200);
    expect(world.body).not.toContainEqual(rows[0]);
    expect(world.body.length).toBeGreaterThan(0);
  });

  it('Autozod sessions: no sessions at all gives a zero summary for a real agent', async () => {
    const a = app();
    const person = smallWorld().people.find((p) => p.autozod !== null)!.autozod!;
    await override(a, { vendor: 'autozod', dataset: 'sessions', rows: [] }).expect(201);
    const res = await request(a)
      .get(
        `/autozod/api/sessionLogs/list?team_id=${person.teamId}&agent_id=${person.agentId}&type=on_duty&start_date=01-09-2025&end_date=02-09-2025`,
      )
      .set('Authorization', `Bearer ${DEV.autozod.token}`)
      .expect(200);
    expect(res.body.data.summary).toMatchObject({ total_session_count: 0, total_active_duration_seconds: 0 });
  });

  it('Enneo export rows keep sorting, paging and privacy', async () => {
    const a = app({ enneo: { reportingPrivacyLevel: 'pseudonymized' } });
    const [first, second] = smallWorld().enneo.exportRows;
    const rows = [
      { ...first!, duration: 10 },
      { ...second!, duration: 99 },
    ];
    await override(a, { vendor: 'enneo', dataset: 'exportRows', rows }).expect(201);
    const token = await enneoToken();
    const res = await request(a)
      .get(
        '/enneo/api/mind/export/reporting_worklog?orderByField=duration&orderByDirection=desc&limit=1&offset=0',
      )
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].duration).toBe(99);
    expect(res.body[0].userWorklogId).toBe(second!.userWorklogId);
    // Privacy "pseudonymized" hides the agent's name, as for the world's rows.
    expect(res.body[0].name).not.toBe(second!.name);
    const page2 = await request(a)
      .get(
        '/enneo/api/mind/export/reporting_worklog?orderByField=duration&orderByDirection=desc&limit=1&offset=1',
      )
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(page2.body.map((r: { duration: number }) => r.duration)).toEqual([10]);
  });

  it('refuses a row that breaks the contract, naming the row and field; nothing is applied', async () => {
    const a = app();
    const res = await override(a, {
      vendor: 'voipcube',
      dataset: 'userStatuses',
      rows: [
        { status: 'Available', userId: USER, time: '2025-09-01T08:00:00.000Z' },
        { status: 'Available', userId: USER, time: 'yesterday' },
      ],
    }).expect(400);
    expect(res.body.field).toBe('rows[1].time');
    expect(res.body.message).toMatch(/^rows\[1\]\.time: expected /);
    expect((await request(a).get('/__standin/stubs')).body).toEqual({ stubs: [] });
    expect((await voipcube(a)).body).not.toContainEqual({
      status: 'Available',
      userId: USER,
      time: '2025-09-01T08:00:00.000Z',
    });
  });

  it.each([
    [
      { vendor: 'voipcube', dataset: 'sessions', rows: [] },
      'dataset',
      'dataset sessions belongs to autozod, not voipcube',
    ],
    [
      { vendor: 'voipcube', dataset: 'nope', rows: [] },
      'dataset',
      'dataset must be one of exportRows, ticketWorklogs, userStatuses, sessions',
    ],
    [
      { vendor: 'voipcube', dataset: 'userStatuses', rows: {} },
      'rows',
      'rows must be an array of at most 10000 userStatuses records',
    ],
    [
      { vendor: 'voipcube', dataset: 'userStatuses', rows: [], path: '/x' },
      'path',
      'unknown field "path"; a data override has vendor, dataset, rows',
    ],
  ])('refuses %j naming %s', async (body, field, message) => {
    const res = await override(app(), body).expect(400);
    expect(res.body).toEqual({ code: 'INVALID_PARAMETER', message, field });
  });

  it('reset removes overrides: the world answers again', async () => {
    const a = app();
    await override(a, { vendor: 'voipcube', dataset: 'userStatuses', rows: [] }).expect(201);
    expect((await voipcube(a)).body).toEqual([]);
    await request(a).post('/__standin/reset').expect(204);
    expect((await voipcube(a)).body.length).toBeGreaterThan(0);
  });
});
