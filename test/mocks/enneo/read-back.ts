import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

type Row = Record<string, unknown>;

/** JSON rows as CSV cells: null becomes '', numbers their JSON text, strings themselves. */
export function asCsvCells(rows: Row[]): Record<string, string>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [
        k,
        v === null ? '' : typeof v === 'number' ? JSON.stringify(v) : String(v),
      ]),
    ),
  );
}

/** Parses CSV text (RFC 4180) into its header and records of strings. */
export function readCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  const lines = parse(text, { relax_column_count: false }) as string[][];
  const [header = [], ...body] = lines;
  return {
    header,
    records: body.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))),
  };
}

/** Reads the only sheet of an xlsx workbook back into its header and rows (empty cell → null). */
export async function readXlsx(bytes: Buffer): Promise<{ sheets: string[]; header: string[]; rows: Row[] }> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types load() with its own Buffer alias; a Node Buffer is what it reads.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell) => {
    header.push(String(cell.value));
  });
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  }
  return { sheets: workbook.worksheets.map((s) => s.name), header, rows };
}
