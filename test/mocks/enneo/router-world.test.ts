import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketWorklogIndex } from '../../../mocks/enneo/ticket-worklogs.ts';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { generateWorld } from '../../../src/world/index.ts';
import { EXPORT_COLUMNS, type ExportRow, type TicketWorklogEntry } from '../../../src/world/types.ts';
import { disagreements } from './agreement.ts';
import { BASE, makeApp, makeDeps, SECRET, serve } from './helpers.ts';
import { firstOutOfOrder } from './order.ts';

/*
 * The router over worlds from the real generator: the default world (seed 42) for agreement
 * between the two endpoints, a small one for walking every order page by page.
 */

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

describe('the default world (seed 42)', () => {
  const world = generateWorld();
  const { server, close } = serve(makeApp(makeDeps(world)));
  afterAll(close);
  const get = (path: string) => request(server).get(`${BASE}${path}`).set('Authorization', auth);

  async function allExportRows(): Promise<ExportRow[]> {
    const rows: ExportRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const res = await get(
        `/export/reporting_worklog?limit=1000&offset=${offset}&orderByField=userWorklogId&orderByDirection=asc`,
      );
      rows.push(...(res.body as ExportRow[]));
      if (res.body.length < 1000) return rows;
    }
  }

  it('exports every row of the world once, as the world holds it', async () => {
    expect(await allExportRows()).toEqual(world.enneo.exportRows);
  });

  it('every ticket entry agrees with the export row of the same userWorklogId', () => {
    const rows = new Map(world.enneo.exportRows.map((r) => [r.userWorklogId, r]));
    const index = new TicketWorklogIndex(world.enneo.ticketWorklogs);
    let entries = 0;
    for (const ticketId of new Set(world.enneo.ticketWorklogs.map((e) => e.ticketId))) {
      for (const entry of JSON.parse(index.json(ticketId)) as TicketWorklogEntry[]) {
        expect(disagreements(entry, rows.get(entry.id)!), `entry ${entry.id}`).toEqual([]);
        entries++;
      }
    }
    expect(entries).toBe(world.enneo.exportRows.length);
  });

  it('answers tickets over HTTP with entries that agree with the exported rows', async () => {
    const rows = new Map((await allExportRows()).map((r) => [r.userWorklogId, r]));
    // Every fifth ticket keeps the walk quick; the test above covers all of them without HTTP.
    const ticketIds = [...new Set(world.enneo.ticketWorklogs.map((e) => e.ticketId))].filter(
      (_, i) => i % 5 === 0,
    );
    let entries = 0;
    for (const ticketId of ticketIds) {
      const res = await get(`/ticket/${ticketId}/worklog`);
      expect(res.status).toBe(200);
      for (const entry of res.body as TicketWorklogEntry[]) {
        expect(entry.ticketId).toBe(ticketId);
        expect(disagreements(entry, rows.get(entry.id)!), `entry ${entry.id}`).toEqual([]);
        entries++;
      }
    }
    expect(entries).toBe(world.enneo.ticketWorklogs.filter((e) => ticketIds.includes(e.ticketId)).length);
  });
});

describe('a small generated world, walked page by page', () => {
  const world = generateWorld({ size: { agents: 4, days: 45, tickets: 120 } });
  const total = world.enneo.exportRows.length;
  const { server, close } = serve(makeApp(makeDeps(world)));
  afterAll(close);
  const LIMIT = 50;

  it.each(EXPORT_COLUMNS.flatMap((column) => [[column, 'asc'] as const, [column, 'desc'] as const]))(
    'by %s %s yields every row exactly once, in order',
    async (column, direction) => {
      const rows: Record<string, unknown>[] = [];
      for (let offset = 0; ; offset += LIMIT) {
        const res = await request(server)
          .get(
            `${BASE}/export/reporting_worklog?orderByField=${column}&orderByDirection=${direction}&limit=${LIMIT}&offset=${offset}`,
          )
          .set('Authorization', auth);
        rows.push(...(res.body as Record<string, unknown>[]));
        if (res.body.length < LIMIT) break;
      }
      expect(rows).toHaveLength(total);
      expect(new Set(rows.map((r) => r.userWorklogId)).size).toBe(total);
      expect(firstOutOfOrder(rows, column, direction)).toBe(-1);
    },
  );
});
