import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import type { ExportRow, TicketWorklogEntry } from '../../../src/world/types.ts';
import { disagreements } from './agreement.ts';
import { BASE, makeApp, makeDeps, makeWorld, SECRET, serve } from './helpers.ts';

const world = makeWorld(120);
const deps = makeDeps(world);
const { server, close } = serve(makeApp(deps));
afterAll(close);

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

const get = (ticketId: string | number) =>
  request(server).get(`${BASE}/ticket/${ticketId}/worklog`).set('Authorization', auth);
const ticketIds = [...new Set(world.enneo.ticketWorklogs.map((e) => e.ticketId))];

describe('ticket worklogs over HTTP', () => {
  it('answers every entry of each ticket exactly once, ordered by date then id', async () => {
    const seen = new Set<number>();
    for (const ticketId of ticketIds) {
      const res = await get(ticketId);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const entries = res.body as TicketWorklogEntry[];
      expect(entries.length).toBeGreaterThan(0);
      for (let i = 1; i < entries.length; i++) {
        const [a, b] = [entries[i - 1]!, entries[i]!];
        expect(a.date < b.date || (a.date === b.date && a.id < b.id), `${a.id} before ${b.id}`).toBe(true);
      }
      for (const entry of entries) {
        expect(entry.ticketId).toBe(ticketId);
        seen.add(entry.id);
      }
    }
    expect(seen.size).toBe(world.enneo.ticketWorklogs.length);
  });

  it('agrees with the export rows that share userWorklogId', async () => {
    const rows = new Map<number, ExportRow>();
    for (let offset = 0; ; offset += 1000) {
      const res = await request(server)
        .get(`${BASE}/export/reporting_worklog?limit=1000&offset=${offset}`)
        .set('Authorization', auth);
      for (const row of res.body as ExportRow[]) rows.set(row.userWorklogId!, row);
      if (res.body.length < 1000) break;
    }
    for (const ticketId of ticketIds) {
      for (const entry of (await get(ticketId)).body as TicketWorklogEntry[]) {
        const row = rows.get(entry.id);
        expect(row, `export row ${entry.id}`).toBeDefined();
        expect(disagreements(entry, row!), `entry ${entry.id}`).toEqual([]);
      }
    }
  });

  it('answers 200 [] for a ticket that does not exist', async () => {
    const res = await get(987_654);
    expect(res.status).toBe(200);
    expect(res.text).toBe('[]');
  });

  it.each(['0', '-1', '1.5', 'abc', '1e3'])('ticketId %s → 400 naming ticketId', async (ticketId) => {
    const res = await get(ticketId);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      error: `ticketId must be a positive integer, got ${JSON.stringify(ticketId)}`,
      code: 'INVALID_PARAMETER',
      parameter: 'ticketId',
    });
  });

  it('ignores query parameters (it has no paging)', async () => {
    const plain = await get(ticketIds[0]!);
    const res = await request(server)
      .get(`${BASE}/ticket/${ticketIds[0]}/worklog?limit=1`)
      .set('Authorization', auth);
    expect(res.body).toEqual(plain.body);
  });
});
