import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPseudonyms } from '../../../mocks/enneo/pseudonyms.ts';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import type { PrivacyLevel } from '../../../src/config/settings.ts';
import { EXPORT_COLUMNS, type ExportColumn } from '../../../src/world/types.ts';
import { BASE, binaryParser, makeApp, makeDeps, makeWorld, NOW, SECRET, SESSION, serve } from './helpers.ts';
import { expectedAscending, firstOutOfOrder } from './order.ts';
import { asCsvCells, readCsv, readXlsx } from './read-back.ts';

const world = makeWorld(60);
const deps = makeDeps(world);
const { server, close } = serve(makeApp(deps));
afterAll(close);

const PATH = `${BASE}/export/reporting_worklog`;
const pseudonyms = createPseudonyms(world.meta.seed);
const PSEUDONYMIZED_OMITS = ['ticketId', 'conversationId', 'userId', 'email', 'rawData'];
const callers: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  callers['bearer with reportingPersonalData'] = {
    Authorization: `Bearer ${await defaultEnneoToken(SECRET)}`,
  };
  callers['bearer without permissions'] = {
    Authorization: `Bearer ${await mintEnneoToken(SECRET, { userId: 2, permissions: ['somethingElse'], now: NOW })}`,
  };
  callers['connect.sid cookie'] = { Cookie: `connect.sid=${SESSION}` };
});

function setLevel(level: PrivacyLevel): void {
  deps.settings.set({ enneo: { ...deps.settings.get().enneo, reportingPrivacyLevel: level } });
}

/** What the issue says each caller sees. */
function expectedColumns(level: PrivacyLevel, caller: string): ExportColumn[] {
  const permitted = caller !== 'bearer without permissions';
  if (level === 'pseudonymized') return EXPORT_COLUMNS.filter((c) => !PSEUDONYMIZED_OMITS.includes(c));
  if (level === 'partiallyPseudonymized' && !permitted) return EXPORT_COLUMNS.filter((c) => c !== 'email');
  return [...EXPORT_COLUMNS];
}

const byId = new Map(world.enneo.exportRows.map((r) => [r.userWorklogId, r]));
const LEVELS: PrivacyLevel[] = ['none', 'partiallyPseudonymized', 'pseudonymized'];
const CALLERS = ['bearer with reportingPersonalData', 'bearer without permissions', 'connect.sid cookie'];

describe.each(LEVELS)('reportingPrivacyLevel %s', (level) => {
  beforeAll(() => setLevel(level));
  afterAll(() => deps.settings.reset());

  describe.each(CALLERS)('for a %s', (caller) => {
    const columns = () => expectedColumns(level, caller);
    const get = (query: string) => request(server).get(`${PATH}${query}`).set(callers[caller]!);

    it('json rows hold exactly the visible keys, in order, with the values of the world', async () => {
      const res = await get('?format=json&limit=1000');
      expect(res.status).toBe(200);
      const rows = res.body as Record<string, unknown>[];
      expect(rows).toHaveLength(60);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(columns());
        const source = byId.get(row.userWorklogId as number)!;
        const expected: Record<string, unknown> = Object.fromEntries(columns().map((c) => [c, source[c]]));
        if (level === 'pseudonymized') {
          expected.date = source.date.slice(0, 10);
          expected.name = pseudonyms(source.userId);
        }
        expect(row).toEqual(expected);
      }
      if (level === 'pseudonymized')
        expect(rows.every((r) => /^\d{4}-\d\d-\d\d$/.test(r.date as string))).toBe(true);
      for (const hidden of EXPORT_COLUMNS.filter((c) => !columns().includes(c))) {
        expect(res.text).not.toContain(`"${hidden}":`);
      }
    });

    it('csv has only the visible columns and matches the JSON rows', async () => {
      const json = (await get('?format=json&limit=1000')).body as Record<string, unknown>[];
      const { header, records } = readCsv((await get('?format=csv&limit=1000')).text);
      expect(header).toEqual(columns());
      expect(records).toEqual(asCsvCells(json));
    });

    it('xlsx has only the visible columns and matches the JSON rows', async () => {
      const json = (await get('?format=json&limit=1000')).body as Record<string, unknown>[];
      const res = await get('?format=xlsx&limit=1000').buffer(true).parse(binaryParser);
      const book = await readXlsx(res.body as Buffer);
      expect(book.header).toEqual(columns());
      expect(book.rows).toEqual(json);
    });

    it('ordering by a hidden column is 400 naming orderByField; by a visible one it works', async () => {
      // Every hidden column, and a few visible ones (the export tests walk them all).
      const visible = ['date', 'duration', 'department', 'userWorklogId'] as const;
      for (const column of [...EXPORT_COLUMNS.filter((c) => !columns().includes(c)), ...visible]) {
        const res = await get(`?orderByField=${column}&limit=1`);
        if (columns().includes(column)) {
          expect(res.status, column).toBe(200);
        } else {
          expect(res.status, column).toBe(400);
          expect(res.body).toEqual({
            success: false,
            error: `orderByField ${column} is not available under the current reportingPrivacyLevel: the column is omitted, so it cannot order the result`,
            code: 'INVALID_PARAMETER',
            parameter: 'orderByField',
          });
        }
      }
    });
  });
});

describe('pseudonymized ordering by date', () => {
  beforeAll(() => setLevel('pseudonymized'));
  afterAll(() => deps.settings.reset());

  it('orders by the visible day, ties by userWorklogId, so the hidden time of day does not leak', async () => {
    const get = (query: string) =>
      request(server).get(`${PATH}${query}`).set(callers['bearer with reportingPersonalData']!);
    const asc = (await get('?orderByField=date&orderByDirection=asc&limit=1000')).body as Record<
      string,
      unknown
    >[];
    expect(firstOutOfOrder(asc, 'date', 'asc')).toBe(-1);
    expect(asc).toEqual([...asc].sort(expectedAscending('date')));
    const byDefault = (await get('?limit=1000')).body;
    expect(byDefault).toEqual([...asc].reverse());
  });
});

describe('run-time privacy changes', () => {
  it('apply to the next request', async () => {
    const get = () => request(server).get(`${PATH}?limit=1`).set(callers['bearer without permissions']!);
    try {
      expect(Object.hasOwn((await get()).body[0], 'email')).toBe(true);
      setLevel('partiallyPseudonymized');
      expect(Object.hasOwn((await get()).body[0], 'email')).toBe(false);
      setLevel('pseudonymized');
      expect((await get()).body[0].date).toMatch(/^\d{4}-\d\d-\d\d$/);
    } finally {
      deps.settings.reset();
    }
  });
});

describe('pseudonymized names', () => {
  beforeAll(() => setLevel('pseudonymized'));
  afterAll(() => deps.settings.reset());
  const get = (query: string) =>
    request(server).get(`${PATH}${query}`).set(callers['bearer with reportingPersonalData']!);

  it('never shows a real name: one stable pseudonym per user, different users different', async () => {
    const rows = (await get('?format=json&limit=1000')).body as Record<string, unknown>[];
    const realNames = new Set(world.people.flatMap((p) => (p.enneo ? [p.enneo.name] : [])));
    expect(rows.filter((r) => realNames.has(r.name as string))).toEqual([]);
    const users = new Map<number | null, Set<unknown>>();
    for (const r of rows) {
      const userId = byId.get(r.userWorklogId as number)!.userId;
      users.set(userId, (users.get(userId) ?? new Set()).add(r.name));
    }
    expect([...users.values()].every((names) => names.size === 1)).toBe(true);
    const pseudonymsSeen = [...users.values()].map((names) => [...names][0]);
    expect(new Set(pseudonymsSeen).size).toBe(users.size);
    expect(pseudonymsSeen.every((n) => /^User [0-9a-f]{8}$/.test(n as string))).toBe(true);
    // Same names in csv as in json.
    const { records } = readCsv((await get('?format=csv&limit=1000')).text);
    expect(records.map((r) => r.name)).toEqual(rows.map((r) => r.name));
  });

  it('orders by the pseudonym, so the order does not betray the real names', async () => {
    const rows = (await get('?format=json&limit=1000&orderByField=name&orderByDirection=asc')).body as {
      name: string;
    }[];
    const names = rows.map((r) => r.name);
    expect(names).toEqual([...names].sort());
  });
});
