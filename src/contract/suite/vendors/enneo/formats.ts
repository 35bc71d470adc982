/**
 * Reading an export back from csv and xlsx into rows the suite can compare with the JSON rows,
 * and the comparison itself. Pure: bytes in, rows out.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ColumnSpec } from './contract-view.ts';

type Row = Record<string, unknown>;

/** A parsed table: its header row and one record per data row, keyed by the header's names. */
export interface Table {
  header: string[];
  rows: Row[];
}

/** The outcome of reading a body: a table, or why it could not be read. */
export type ReadResult = { ok: true; table: Table; sheets?: string[] } | { ok: false; error: string };

/**
 * Parses a csv body as RFC 4180 (quoted fields, doubled quotes, equal record lengths); the first
 * record is the header. A UTF-8 byte-order mark is tolerated.
 */
export function readCsv(body: Buffer): ReadResult {
  let records: string[][];
  try {
    records = parse(body.toString('utf8'), { bom: true, relax_column_count: false }) as string[][];
  } catch (err) {
    return { ok: false, error: `not RFC 4180 csv: ${(err as Error).message}` };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, error: 'the csv is empty: not even a header row' };
  return { ok: true, table: { header, rows: data.map((cells) => keyed(header, cells)) } };
}

/** True when every line of a csv body ends in CRLF (checked on the header line, which has no quotes to span lines). */
export function csvUsesCrlf(body: Buffer): boolean {
  const lf = body.indexOf(0x0a);
  return lf > 0 && body[lf - 1] === 0x0d;
}

/** Opens an xlsx body with exceljs and reads its first sheet: row 1 the header, empty cells null. */
export async function readXlsx(body: Buffer): Promise<ReadResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types load() with its own Buffer alias; a Node Buffer is what it reads.
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (err) {
    return { ok: false, error: `not an xlsx workbook: ${(err as Error).message}` };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, error: 'the workbook has no sheet' };
  const width = sheet.getRow(1).cellCount;
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(String(cellValue(sheet.getRow(1).getCell(c).value) ?? ''));
  const rows: Row[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(
      keyed(
        header,
        header.map((_, i) => cellValue(row.getCell(i + 1).value)),
      ),
    );
  }
  return { ok: true, table: { header, rows }, sheets: workbook.worksheets.map((s) => s.name) };
}

function keyed(header: string[], cells: unknown[]): Row {
  const row: Row = {};
  header.forEach((name, i) => {
    row[name] = cells[i] ?? null;
  });
  return row;
}

/** A cell as a plain value: rich text joined, formulas by their result, dates as ISO strings. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return JSON.stringify(value);
}

/**
 * Gives csv cells their JSON types from the contract's columns, so a row can be validated like a
 * JSON row: '' is null in a nullable column, integer and number columns become numbers when the
 * text is one (otherwise the text stays, and the schema reports the type).
 */
export function typeCsvRow(row: Row, columns: readonly ColumnSpec[]): Row {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out: Row = {};
  for (const [name, raw] of Object.entries(row)) {
    const spec = byName.get(name);
    out[name] = spec ? typeCell(raw, spec) : raw;
  }
  return out;
}

const NUMERIC = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function typeCell(raw: unknown, spec: ColumnSpec): unknown {
  if (typeof raw !== 'string') return raw;
  if (raw === '') return spec.nullable ? null : raw;
  if ((spec.type === 'integer' || spec.type === 'number') && NUMERIC.test(raw)) return Number(raw);
  if (spec.type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/**
 * Whether a csv/xlsx cell carries the same value as the JSON cell: null and '' are the same empty
 * cell; a number equals its text; a string equals itself.
 */
export function sameCell(json: unknown, cell: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(json) || empty(cell)) return empty(json) && empty(cell);
  if (typeof json === 'number')
    return typeof cell === 'number' ? cell === json : String(cell) === String(json);
  if (typeof json === 'boolean') return String(cell) === String(json);
  return typeof cell === 'string' && cell === json;
}

/** The first difference between two lists of rows over `columns`, or undefined when they agree. */
export function firstRowDifference(
  json: readonly Row[],
  other: readonly Row[],
  columns: readonly string[],
): string | undefined {
  if (json.length !== other.length) return `${other.length} rows, the JSON export has ${json.length}`;
  for (const [i, row] of json.entries()) {
    const cells = other[i]!;
    for (const column of columns) {
      if (!sameCell(row[column], cells[column])) {
        return `row ${i}, column ${column}: ${show(cells[column])}, the JSON export has ${show(row[column])}`;
      }
    }
  }
  return undefined;
}

/** Cells whose JSON type the xlsx does not keep: a number stored as text or the reverse. */
export function firstTypeDifference(json: readonly Row[], xlsx: readonly Row[]): string | undefined {
  for (const [i, row] of json.entries()) {
    for (const [column, value] of Object.entries(row)) {
      const cell = xlsx[i]?.[column];
      if (value === null || cell === null || cell === undefined) continue;
      if (typeof value !== typeof cell) {
        return `row ${i}, column ${column}: a ${typeof cell} cell (${show(cell)}) for the JSON ${typeof value} ${show(value)}`;
      }
    }
  }
  return undefined;
}

const show = (v: unknown) => {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};
