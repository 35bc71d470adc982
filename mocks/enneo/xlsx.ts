import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_DISPOSITION = 'attachment; filename="reporting_worklog.xlsx"';
export const XLSX_SHEET_NAME = 'reporting_worklog';

/**
 * Streams rows as one xlsx worksheet: a header row of the columns, then one row per record.
 * Numbers stay numbers, strings (timestamps included) stay the same strings as in JSON, and
 * null leaves the cell empty. Rows are committed as they are written, so memory stays flat.
 */
export async function writeXlsx(
  stream: Writable,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(XLSX_SHEET_NAME);
  sheet.addRow([...columns]).commit();
  for (const row of rows) {
    sheet.addRow(columns.map((column) => toCell(row[column]))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

function toCell(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  // Export cells are scalars; anything else is written as its JSON text rather than lost.
  return JSON.stringify(value);
}
