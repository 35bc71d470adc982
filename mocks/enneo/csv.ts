import { type Options, stringify } from 'csv-stringify/sync';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_DISPOSITION = 'attachment; filename="reporting_worklog.csv"';

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // csv-stringify quotes only the record delimiter itself; RFC 4180 wants any bare CR or LF quoted.
  quoted_match: /[\r\n]/,
  cast: { number: (value) => JSON.stringify(value) },
};

const keyed = (columns: readonly string[]) => columns.map((key) => ({ key }));

/**
 * Renders rows as RFC 4180 CSV: a header row of the columns, CRLF line ends, fields with commas,
 * quotes or line breaks quoted (quotes doubled), null as an empty cell, numbers as JSON writes them.
 * A page is at most 1000 rows, so building the text in memory is bounded.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify(rows as Record<string, unknown>[], { ...OPTIONS, header: true, columns: keyed(columns) });
}

/** The header row alone, with its CRLF: what `toCsv` writes first. */
export function csvHeader(columns: readonly string[]): string {
  return toCsv(columns, []);
}

/** One row's record with its CRLF, exactly as `toCsv` writes it among the others. */
export function csvRecord(columns: readonly string[], row: Record<string, unknown>): string {
  return stringify([row], { ...OPTIONS, header: false, columns: keyed(columns) });
}
