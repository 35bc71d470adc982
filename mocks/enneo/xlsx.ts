import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_DISPOSITION = 'attachment; filename="reporting_worklog.xlsx"';
export const XLSX_SHEET_NAME = 'reporting_worklog';

/** What exceljs's WorkbookWriter has but does not type: its archiver and the hook it calls first. */
interface WriterInternals {
  created: Date;
  zip: { append: (source: unknown, data: Record<string, unknown>) => unknown };
  addThemes(): Promise<void>;
}

type WriterOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions> & {
  created?: Date;
  modified?: Date;
};
const BaseWriter = ExcelJS.stream.xlsx.WorkbookWriter as unknown as new (
  options: WriterOptions,
) => ExcelJS.stream.xlsx.WorkbookWriter;
const baseAddThemes = (BaseWriter.prototype as unknown as WriterInternals).addThemes;

/**
 * A WorkbookWriter whose zip entries all carry the workbook's `created` date. exceljs lets
 * archiver stamp each entry with the current time, so two identical requests answered different
 * bytes; standin's answers depend on seed and anchor alone. The constructor appends its first
 * entries (themes) itself, so the earliest place to hook the archiver is addThemes, which it calls.
 */
class StampedWorkbookWriter extends BaseWriter {
  override addThemes(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const append = self.zip.append.bind(self.zip);
    const date = self.created;
    self.zip.append = (source, data) => append(source, { ...data, date });
    return baseAddThemes.call(self);
  }
}

/**
 * Streams rows as one xlsx worksheet: a header row of the columns, then one row per record.
 * Numbers stay numbers, strings (timestamps included) stay the same strings as in JSON, and
 * null leaves the cell empty. Rows are committed as they are written, so memory stays flat.
 * `stamp` is the workbook's creation date and every zip entry's date, so the bytes are reproducible.
 */
export async function writeXlsx(
  stream: Writable,
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  stamp: Date,
): Promise<void> {
  const workbook = new StampedWorkbookWriter({
    stream,
    useStyles: false,
    useSharedStrings: false,
    created: stamp,
    modified: stamp,
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
