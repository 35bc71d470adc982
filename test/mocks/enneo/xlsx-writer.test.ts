import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, writeXlsx, XLSX_SHEET_NAME, xlsxBytes, xmlText } from '../../../mocks/enneo/xlsx.ts';

const STAMP = new Date('2025-09-30T00:00:00Z');
const SOFFICE = '/usr/bin/soffice';

/** Thirty columns, so that the sheet runs past Z into AA..AD. */
const COLUMNS = Array.from({ length: 30 }, (_, i) => `col${i}`);

/** Values a page can carry, and the ones that are hard to get through XML. */
const AWKWARD: unknown[] = [
  'plain',
  'Müller & Söhne <b>"quoted"</b> \'single\'',
  '  leading and trailing spaces  ',
  'line one\nline two',
  'windows\r\nline break',
  'tab\there',
  '😀 emoji and ß',
  '{"id":11199,"tags":["Payment","Instalment plan"]}',
  '2024-05-10 14:52:37',
  '0012',
  '',
  0,
  -151692,
  0.93,
  203433,
  1.5e-7,
  null,
  true,
  false,
];

/** Rows where every column sees every awkward value somewhere. */
function awkwardRows(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, r) =>
    Object.fromEntries(COLUMNS.map((column, c) => [column, AWKWARD[(r + c) % AWKWARD.length]])),
  );
}

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types load() with its own Buffer alias; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** What a reader should see for a value: empty cells read back as null. */
function expected(value: unknown): unknown {
  return value === undefined || value === '' ? null : value;
}

describe('xlsx writer', () => {
  it('writes every cell so that exceljs reads back the same value, with columns past Z', async () => {
    const rows = awkwardRows(40);
    const workbook = await readBack(xlsxBytes(COLUMNS, rows, STAMP));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([XLSX_SHEET_NAME]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(41);
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS]);
    for (let r = 0; r < rows.length; r++) {
      const read = sheet.getRow(r + 2);
      for (let c = 0; c < COLUMNS.length; c++) {
        expect({ r, c, value: read.getCell(c + 1).value }).toEqual({
          r,
          c,
          value: expected(rows[r]![COLUMNS[c]!]),
        });
      }
    }
    expect(sheet.getCell('AD2').value).toBe(expected(rows[0]!.col29));
  });

  it('writes a 1,000-row page of multi-byte text whole, up to its last cell', async () => {
    const rows = awkwardRows(1000);
    const sheet = (await readBack(xlsxBytes(COLUMNS, rows, STAMP))).worksheets[0]!;
    expect(sheet.rowCount).toBe(1001);
    const last = sheet.getRow(1001);
    expect(COLUMNS.map((_, c) => last.getCell(c + 1).value)).toEqual(
      COLUMNS.map((column) => expected(rows[999]![column])),
    );
  });

  it('drops the characters XML 1.0 cannot carry and keeps the rest of the text', async () => {
    const text = `a\u0000b\u0001c\u000bd\u001fe\ufffef\ud800g\udc00h 😀`;
    const workbook = await readBack(
      xlsxBytes(['text', 'object'], [{ text, object: { a: [1, '<'] } }], STAMP),
    );
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(1).value).toBe('abcdefgh 😀');
    // Anything that is not a scalar is written as its JSON text rather than lost.
    expect(row.getCell(2).value).toBe('{"a":[1,"<"]}');
  });

  it('leaves NaN and Infinity cells empty, as JSON answers null for them', async () => {
    const workbook = await readBack(
      xlsxBytes(['a', 'b', 'c'], [{ a: Number.NaN, b: Number.POSITIVE_INFINITY, c: 7 }], STAMP),
    );
    const row = workbook.worksheets[0]!.getRow(2);
    expect([row.getCell(1).value, row.getCell(2).value, row.getCell(3).value]).toEqual([null, null, 7]);
  });

  it('answers identical bytes for the same input, dated by the stamp in the workbook and the zip', async () => {
    const rows = awkwardRows(25);
    const first = xlsxBytes(COLUMNS, rows, STAMP);
    const second = xlsxBytes(COLUMNS, structuredClone(rows), new Date(STAMP.getTime()));
    expect(second.equals(first)).toBe(true);
    expect(xlsxBytes(COLUMNS, rows, new Date('2025-10-01T00:00:00Z')).equals(first)).toBe(false);
    expect((await readBack(first)).created).toEqual(STAMP);
    // The first local file header's MS-DOS date and time (APPNOTE 4.4.6): what `unzip -l` shows.
    expect(first.readUInt32LE(0)).toBe(0x04034b50);
    const time = first.readUInt16LE(10);
    const date = first.readUInt16LE(12);
    expect({
      year: (date >> 9) + 1980,
      month: (date >> 5) & 15,
      day: date & 31,
      hour: time >> 11,
      minute: (time >> 5) & 63,
    }).toEqual({ year: 2025, month: 9, day: 30, hour: 0, minute: 0 });
  });

  it('streams the same bytes through writeXlsx and ends the stream', async () => {
    const rows = awkwardRows(3);
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => stream.once('end', resolve));
    await writeXlsx(stream, COLUMNS, rows, STAMP);
    await ended;
    expect(Buffer.concat(chunks).equals(xlsxBytes(COLUMNS, rows, STAMP))).toBe(true);
  });

  it('names columns as spreadsheets do and escapes text for XML', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(xmlText('a & b < c > d\r')).toBe('a &amp; b &lt; c &gt; d&#13;');
    expect(xmlText('nothing to do')).toBe('nothing to do');
  });

  it.skipIf(!existsSync(SOFFICE))(
    'opens in LibreOffice with every cell in place (skipped where /usr/bin/soffice is not installed)',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'standin-xlsx-'));
      try {
        const rows = awkwardRows(20);
        await writeFile(join(dir, 'page.xlsx'), xlsxBytes(COLUMNS, rows, STAMP));
        // Filter options: comma, double quote, UTF-8 (76), from row 1; a private profile so that
        // a running LibreOffice or a parallel test cannot lock this one out.
        await promisify(execFile)(
          SOFFICE,
          [
            `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
            '--headless',
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1',
            '--outdir',
            dir,
            join(dir, 'page.xlsx'),
          ],
          { timeout: 110_000 },
        );
        const lines = parse(await readFile(join(dir, 'page.csv'), 'utf8')) as string[][];
        expect(lines[0]).toEqual(COLUMNS);
        expect(lines).toHaveLength(rows.length + 1);
        // LibreOffice prints numbers in its General format (1.5e-7 as 0.00000015): compare those
        // by value, everything else as the exact text.
        const asRead = (value: unknown): unknown => {
          if (value === null || value === undefined) return '';
          if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
          if (typeof value === 'number') return value;
          return String(value).replace(/\r\n/g, '\n');
        };
        const want = rows.map((row) => COLUMNS.map((column) => asRead(row[column])));
        const read = lines.slice(1);
        expect(
          read.map((cells, r) =>
            cells.map((cell, c) => (typeof want[r]![c] === 'number' ? Number(cell) : cell)),
          ),
        ).toEqual(want);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

if (!existsSync(SOFFICE)) {
  process.stderr.write(
    `xlsx-writer.test.ts: LibreOffice is not installed (${SOFFICE}); the LibreOffice check is skipped. ` +
      'Install Debian package libreoffice-calc-nogui to run it.\n',
  );
}
