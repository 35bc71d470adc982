import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { EXPORT_COLUMNS } from '../../../src/world/types.ts';
import { BASE, binaryParser, makeApp, makeDeps, makeWorld, SECRET, serve } from './helpers.ts';
import { asCsvCells, readCsv, readXlsx } from './read-back.ts';

const world = makeWorld(150);
const deps = makeDeps(world);
const { server, close } = serve(makeApp(deps));
afterAll(close);

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

const PATH = `${BASE}/export/reporting_worklog`;
const get = (query: string) => request(server).get(`${PATH}${query}`).set('Authorization', auth);
const getBinary = (query: string) => get(query).buffer(true).parse(binaryParser);
const QUERIES = [
  '?limit=1000',
  '?orderByField=rawData&orderByDirection=asc&limit=40&offset=20',
  '?offset=150',
];

describe('export formats', () => {
  it.each(QUERIES)('csv %s parses back (RFC 4180) to the JSON rows', async (query) => {
    const json = (await get(`${query}&format=json`)).body as Record<string, unknown>[];
    const res = await get(`${query}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reporting_worklog.csv"');
    const { header, records } = readCsv(res.text);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(records).toEqual(asCsvCells(json));
  });

  it('csv quotes the JSON-string columns and ends lines in CRLF', async () => {
    const res = await get('?format=csv&limit=1&orderByField=userWorklogId&orderByDirection=asc');
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toContain('"[""Billing"", ""Payment reminder""]"');
  });

  it.each(QUERIES)('xlsx %s parses back with exceljs to the JSON rows', async (query) => {
    const json = (await get(`${query}&format=json`)).body as Record<string, unknown>[];
    const res = await getBinary(`${query}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toBe('attachment; filename="reporting_worklog.xlsx"');
    const book = await readXlsx(res.body as Buffer);
    expect(book.sheets).toHaveLength(1);
    expect(book.header).toEqual([...EXPORT_COLUMNS]);
    expect(book.rows).toEqual(json);
  });

  it('xlsx keeps numbers as numbers and timestamps as the JSON strings', async () => {
    const book = await readXlsx((await getBinary('?format=xlsx&limit=5')).body as Buffer);
    const row = book.rows[0]!;
    expect(typeof row.duration).toBe('number');
    expect(row.date).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('HEAD answers the headers of GET without a body', async () => {
    const res = await request(server).head(`${PATH}?format=csv&limit=3`).set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="reporting_worklog.csv"');
    expect(res.text ?? '').toBe('');
  });

  it('HEAD of a JSON page answers its headers, with the length of the GET body, and no body', async () => {
    const [head, got] = await Promise.all([
      request(server).head(`${PATH}?format=json&limit=3`).set('Authorization', auth),
      get('?format=json&limit=3'),
    ]);
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(got.text)));
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.text)));
    expect(head.text ?? '').toBe('');
  });

  it('format=json is JSON', async () => {
    const res = await get('?format=json&limit=2');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toHaveLength(2);
  });

  it.each(['xml', 'JSON', ''])('format=%j → 400 naming format', async (format) => {
    const res = await get(`?format=${format}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      error: `format must be one of json, csv, xlsx, got ${JSON.stringify(format)}`,
      code: 'INVALID_PARAMETER',
      parameter: 'format',
    });
  });

  it('a repeated format → 400', async () => {
    const res = await get('?format=csv&format=json');
    expect([res.status, res.body.parameter]).toEqual([400, 'format']);
  });

  it('without format, the defaultDateExportFormat setting decides, read per request', async () => {
    try {
      deps.settings.set({ enneo: { ...deps.settings.get().enneo, defaultDateExportFormat: 'csv' } });
      const csv = await get('?limit=1');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      deps.settings.set({ enneo: { ...deps.settings.get().enneo, defaultDateExportFormat: 'xlsx' } });
      const xlsx = await getBinary('?limit=1');
      expect(xlsx.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect((await readXlsx(xlsx.body as Buffer)).rows).toHaveLength(1);
      // An explicit format still wins over the setting.
      expect((await get('?limit=1&format=json')).headers['content-type']).toBe(
        'application/json; charset=utf-8',
      );
    } finally {
      deps.settings.reset();
    }
    expect((await get('?limit=1')).headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('past the end, csv and xlsx hold the header row only', async () => {
    expect((await get('?format=csv&offset=150')).text).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    const book = await readXlsx((await getBinary('?format=xlsx&offset=150')).body as Buffer);
    expect(book.header).toEqual([...EXPORT_COLUMNS]);
    expect(book.rows).toEqual([]);
  });
});
