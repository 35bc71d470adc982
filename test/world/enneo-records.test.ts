import { describe, expect, it } from 'vitest';
import { ExportStore } from '../../mocks/enneo/export-store.ts';
import { projectionFor } from '../../mocks/enneo/privacy.ts';
import { TicketWorklogIndex } from '../../mocks/enneo/ticket-worklogs.ts';
import { EnneoRecords, enneoSources, exportRowCount, newestTicketId } from '../../src/world/enneo-views.ts';
import { generateWorld } from '../../src/world/index.ts';
import { EXPORT_COLUMNS } from '../../src/world/types.ts';

const options = { seed: 11, anchor: '2025-06-30', size: { agents: 6, days: 90, tickets: 700 } };
/** Two copies of one world: one read through its compact records only, one built whole. */
const onDemand = generateWorld(options);
const whole = generateWorld(options);
const rows = whole.enneo.exportRows;
const entries = whole.enneo.ticketWorklogs;
const records = enneoSources(onDemand.enneo).exportRows as EnneoRecords;

describe("a generated world's Enneo records, built on demand", () => {
  it('are compact records while nobody reads the arrays', () => {
    expect(records).toBeInstanceOf(EnneoRecords);
    expect(enneoSources(onDemand.enneo).ticketWorklogs).toBe(records);
    expect(exportRowCount(onDemand.enneo)).toBe(rows.length);
    expect(records.length).toBe(rows.length);
    expect(newestTicketId(onDemand.enneo)).toBe(entries.at(-1)!.ticketId);
    expect(enneoSources(onDemand.enneo).exportRows).toBeInstanceOf(EnneoRecords);
  });

  it('build each export row alone exactly as the whole array holds it, in any order', () => {
    const order = rows.map((_, i) => (i * 7919) % rows.length);
    expect(new Set(order).size).toBe(rows.length);
    for (const at of order) expect(records.row(at)).toStrictEqual(rows[at]);
    expect(() => records.row(rows.length)).toThrow(RangeError);
  });

  it.each(EXPORT_COLUMNS)('give every row’s %s as the rows hold it', (column) => {
    expect(records.column(column)).toStrictEqual(rows.map((row) => row[column]));
  });

  it("build each ticket's worklog entries alone exactly as the whole array holds them", () => {
    const byTicket = new Map<number, typeof entries>();
    for (const entry of entries)
      byTicket.set(entry.ticketId, [...(byTicket.get(entry.ticketId) ?? []), entry]);
    expect(byTicket.size).toBe(700);
    for (const ticketId of [...byTicket.keys()].reverse()) {
      expect(records.entriesOf(ticketId)).toStrictEqual(byTicket.get(ticketId));
    }
    for (const unknown of [0, 10_000, 10_001 + 700, 10_001.5, -1]) {
      expect(records.entriesOf(unknown)).toBeUndefined();
    }
  });

  it('answer the same export pages and ticket JSON as the arrays do', () => {
    const compact = new ExportStore(records);
    const plain = new ExportStore(rows);
    for (const level of ['none', 'pseudonymized'] as const) {
      const projection = projectionFor(level, []);
      for (const column of [
        'date',
        'name',
        'topic',
        'rawData',
        'userWorklogId',
        'duration',
        'ticketId',
        'userId',
      ] as const) {
        for (const orderByDirection of ['asc', 'desc'] as const) {
          const request = { orderByField: column, orderByDirection, offset: 37, limit: 250 };
          const page = compact.page(request, projection);
          expect(page).toEqual(plain.page(request, projection));
          expect(compact.json(page, projection)).toBe(plain.json(page, projection));
          expect(compact.csvBytes(page, projection).toString()).toBe(
            plain.csvBytes(page, projection).toString(),
          );
        }
      }
    }
    const fromRecords = new TicketWorklogIndex(records, { cacheTickets: 5 });
    const fromArray = new TicketWorklogIndex(entries);
    for (const ticketId of [10_001, 10_500, 10_700, 10_001, 10_701]) {
      expect(fromRecords.json(ticketId)).toBe(fromArray.json(ticketId));
    }
    expect(fromRecords.json(10_701)).toBe('[]');
  });

  it('give way to arrays assigned or copied over them', () => {
    const world = generateWorld({ ...options, size: { agents: 3, days: 20, tickets: 30 } });
    const replaced = world.enneo.exportRows.slice(0, 3);
    world.enneo.exportRows = replaced;
    expect(world.enneo.exportRows).toBe(replaced);
    expect(enneoSources(world.enneo).exportRows).toBe(replaced);
    expect(enneoSources(world.enneo).ticketWorklogs).toBeInstanceOf(EnneoRecords);
    const copy = { ...world.enneo };
    expect(newestTicketId(copy)).toBe(world.enneo.ticketWorklogs.at(-1)!.ticketId);
    expect(newestTicketId({ exportRows: [], ticketWorklogs: [] })).toBeUndefined();
    expect(enneoSources(copy)).toEqual({ exportRows: replaced, ticketWorklogs: world.enneo.ticketWorklogs });
    expect(JSON.parse(JSON.stringify(world.enneo))).toEqual(copy);
  });
});

describe('ticket worklogs rendered on demand', () => {
  it('keep at most cacheTickets rendered tickets and still answer every ticket the same', () => {
    const byTicket = new TicketWorklogIndex(entries, { cacheTickets: 3 });
    const uncached = new TicketWorklogIndex(entries, { cacheTickets: 0 });
    const ids = [...new Set(entries.map((e) => e.ticketId))];
    for (const round of [ids, [...ids].reverse(), ids.slice(0, 4), ids.slice(0, 4)]) {
      for (const ticketId of round) {
        const expected = entries
          .filter((e) => e.ticketId === ticketId)
          .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
        expect(JSON.parse(byTicket.json(ticketId))).toEqual(expected);
        expect(uncached.json(ticketId)).toBe(byTicket.json(ticketId));
      }
    }
  });
});
