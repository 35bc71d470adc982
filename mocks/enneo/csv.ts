import { stringify } from 'csv-stringify/sync';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const CSV_DISPOSITION = 'attachment; filename="reporting_worklog.csv"';

/**
 * Renders rows as RFC 4180 CSV: a header row of the columns, CRLF line ends, fields with commas,
 * quotes or line breaks quoted (quotes doubled), null as an empty cell, numbers as JSON writes them.
 * A page is at most 1000 rows, so building the text in memory is bounded.
 */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map((key) => ({ key })),
    record_delimiter: 'windows',
    // csv-stringify quotes only the record delimiter itself; RFC 4180 wants any bare CR or LF quoted.
    quoted_match: /[\r\n]/,
    cast: { number: (value) => JSON.stringify(value) },
  });
}
