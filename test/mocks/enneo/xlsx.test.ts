import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeXlsx, XLSX_SHEET_NAME } from '../../../mocks/enneo/xlsx.ts';

const STAMP = new Date('2025-09-30T00:00:00Z');

async function render(columns: string[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeXlsx(stream, columns, rows, STAMP);
  return Buffer.concat(chunks);
}

async function roundTrip(columns: string[], rows: Record<string, unknown>[]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await render(columns, rows)) as unknown as ArrayBuffer);
  return workbook;
}

describe('xlsx rendering', () => {
  it('answers the same bytes for the same rows, whenever it runs, dated by the stamp', async () => {
    const rows = [{ date: '2024-05-10 14:52:37', duration: 206 }];
    const first = await render(['date', 'duration'], rows);
    await new Promise((r) => setTimeout(r, 1100));
    const second = await render(['date', 'duration'], rows);
    expect(second.equals(first)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(first as unknown as ArrayBuffer);
    expect(workbook.created).toEqual(STAMP);
  });

  it('writes one sheet: a header row, numbers as numbers, strings unchanged, null as an empty cell', async () => {
    const workbook = await roundTrip(
      ['date', 'duration', 'status', 'accuracy'],
      [{ date: '2024-05-10 14:52:37', duration: 206, status: null, accuracy: 0.92 }],
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual([XLSX_SHEET_NAME]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(1).values).toEqual([undefined, 'date', 'duration', 'status', 'accuracy']);
    const cells = sheet.getRow(2);
    expect(cells.getCell(1).value).toBe('2024-05-10 14:52:37');
    expect(cells.getCell(2).value).toBe(206);
    expect(cells.getCell(3).value).toBe(null);
    expect(cells.getCell(4).value).toBe(0.92);
  });

  it('writes only the header for an empty page', async () => {
    const sheet = (await roundTrip(['date'], [])).worksheets[0]!;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.getRow(1).getCell(1).value).toBe('date');
  });
});
