import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { EXPORT_COLUMNS } from '../../../src/world/types.ts';
import { BASE, makeApp, makeDeps, makeWorld, SECRET, serve } from './helpers.ts';
import { expectedAscending, firstOutOfOrder } from './order.ts';

const ROWS = 250;
const world = makeWorld(ROWS);
const { server, close } = serve(makeApp(makeDeps(world)));
afterAll(close);

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

const get = (query: string) =>
  request(server).get(`${BASE}/export/reporting_worklog${query}`).set('Authorization', auth);
type Row = Record<string, unknown>;

describe('export: defaults', () => {
  it('answers the first 100 rows by date descending (ties by userWorklogId descending) as JSON', async () => {
    const res = await get('');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const expected = [...world.enneo.exportRows].sort(expectedAscending('date')).reverse().slice(0, 100);
    expect(res.body).toEqual(expected);
  });

  it('keeps every column in documented order', async () => {
    const res = await get('?limit=3');
    for (const row of res.body as Row[]) expect(Object.keys(row)).toEqual([...EXPORT_COLUMNS]);
  });

  it('orderByDirection alone orders by date in that direction', async () => {
    const res = await get('?orderByDirection=asc&limit=1000');
    expect(res.body).toEqual([...world.enneo.exportRows].sort(expectedAscending('date')));
  });
});

describe('export: limit and offset', () => {
  it.each([
    ['1', 1],
    ['1000', ROWS],
    ['37', 37],
  ])('limit=%s answers %i rows', async (limit, count) => {
    const res = await get(`?limit=${limit}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(count);
  });

  it.each([
    ['limit=0', 'limit', 'limit must be an integer from 1 to 1000, got "0"'],
    ['limit=1001', 'limit', 'limit must be an integer from 1 to 1000, got "1001"'],
    ['limit=-1', 'limit', 'limit must be an integer from 1 to 1000, got "-1"'],
    ['limit=1.5', 'limit', 'limit must be an integer from 1 to 1000, got "1.5"'],
    ['limit=abc', 'limit', 'limit must be an integer from 1 to 1000, got "abc"'],
    ['limit=', 'limit', 'limit must be an integer from 1 to 1000, got ""'],
    ['limit=1&limit=2', 'limit', 'limit must be given at most once'],
    ['offset=-1', 'offset', 'offset must be an integer of 0 or more, got "-1"'],
    ['offset=1.5', 'offset', 'offset must be an integer of 0 or more, got "1.5"'],
    ['offset=abc', 'offset', 'offset must be an integer of 0 or more, got "abc"'],
    ['offset=0&offset=0', 'offset', 'offset must be given at most once'],
    [
      'orderByField=nope',
      'orderByField',
      `orderByField must be one of the export columns (${EXPORT_COLUMNS.join(', ')}), got "nope"`,
    ],
    ['orderByField=date&orderByField=name', 'orderByField', 'orderByField must be given at most once'],
    ['orderByDirection=up', 'orderByDirection', 'orderByDirection must be asc or desc, got "up"'],
    ['orderByDirection=DESC', 'orderByDirection', 'orderByDirection must be asc or desc, got "DESC"'],
  ])('%s → 400 naming the parameter and the rule', async (query, parameter, error) => {
    const res = await get(`?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ success: false, error, code: 'INVALID_PARAMETER', parameter });
  });

  it('offset=0 is the first page and offset shifts the window', async () => {
    const first = await get('?offset=0&limit=10');
    const shifted = await get('?offset=5&limit=10');
    expect(shifted.body.slice(0, 5)).toEqual(first.body.slice(5));
  });

  it.each(['250', '251', '99999999999999999999999'])(
    'offset=%s (at or past the end) answers []',
    async (offset) => {
      const res = await get(`?offset=${offset}`);
      expect(res.status).toBe(200);
      expect(res.text).toBe('[]');
    },
  );

  it('the last page holds only the remaining rows', async () => {
    const res = await get('?offset=240&limit=100');
    expect(res.body).toHaveLength(10);
  });

  it('ignores unknown parameters', async () => {
    const res = await get('?limit=2&foo=bar');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
  });
});

describe('export: ordering', () => {
  const LIMIT = 64;

  async function walk(query: string): Promise<Row[]> {
    const rows: Row[] = [];
    for (let offset = 0; ; offset += LIMIT) {
      const res = await get(`?${query}&limit=${LIMIT}&offset=${offset}`);
      expect(res.status).toBe(200);
      rows.push(...(res.body as Row[]));
      if (res.body.length < LIMIT) return rows;
    }
  }

  it.each(EXPORT_COLUMNS.flatMap((column) => [[column, 'asc'] as const, [column, 'desc'] as const]))(
    'walking every page by %s %s yields each row exactly once, in order',
    async (column, direction) => {
      const rows = await walk(`orderByField=${column}&orderByDirection=${direction}`);
      expect(rows).toHaveLength(ROWS);
      expect(new Set(rows.map((r) => r.userWorklogId)).size).toBe(ROWS);
      expect(firstOutOfOrder(rows, column, direction)).toBe(-1);
    },
  );

  it('puts NULLs first ascending and last descending', async () => {
    const nulls = world.enneo.exportRows.filter((r) => r.status === null).length;
    expect(nulls).toBeGreaterThan(0);
    const asc = (await get('?orderByField=status&orderByDirection=asc&limit=1000')).body as Row[];
    const desc = (await get('?orderByField=status&orderByDirection=desc&limit=1000')).body as Row[];
    expect(asc.slice(0, nulls).every((r) => r.status === null)).toBe(true);
    expect(asc[nulls]!.status).not.toBeNull();
    expect(desc.slice(-nulls).every((r) => r.status === null)).toBe(true);
    expect(desc[ROWS - nulls - 1]!.status).not.toBeNull();
  });

  it('breaks ties by userWorklogId in the direction asked', async () => {
    const asc = (await get('?orderByField=department&orderByDirection=asc&limit=1000')).body as Row[];
    const first = asc
      .filter((r) => r.department === asc[0]!.department)
      .map((r) => r.userWorklogId as number);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    const desc = (await get('?orderByField=department&orderByDirection=desc&limit=1000')).body as Row[];
    expect(desc).toEqual([...asc].reverse());
  });
});
