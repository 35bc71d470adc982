import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../mocks/enneo/csv.ts';

describe('csv rendering', () => {
  it('writes a header row and RFC 4180 records with CRLF, quoting quotes, commas and line breaks', () => {
    const csv = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        { a: 'plain', b: 'x, "y"', c: 'line1\nline2', d: 1.5 },
        { a: null, b: '', c: -3600, d: 0 },
      ],
    );
    expect(csv).toBe('a,b,c,d\r\nplain,"x, ""y""","line1\nline2",1.5\r\n,,-3600,0\r\n');
  });

  it('writes only the header when the page is empty', () => {
    expect(toCsv(['date', 'name'], [])).toBe('date,name\r\n');
  });

  it('reads back to the same cells', () => {
    const rows = [{ tags: '["Billing", "Payment reminder"]', raw: '{"a":"b,c"}\r\n' }];
    expect(parse(toCsv(['tags', 'raw'], rows), { columns: true })).toEqual(rows);
  });
});
