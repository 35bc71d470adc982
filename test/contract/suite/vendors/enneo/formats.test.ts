import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../../../../src/contract/suite/vendors/enneo/contract-view.ts';
import {
  csvUsesCrlf,
  firstRowDifference,
  firstTypeDifference,
  readCsv,
  readXlsx,
  sameCell,
  typeCsvRow,
} from '../../../../../src/contract/suite/vendors/enneo/formats.ts';

const COLUMNS: ColumnSpec[] = [
  { name: 'ticketId', type: 'integer', nullable: true },
  { name: 'tags', type: 'string', nullable: true },
  { name: 'department', type: 'string', nullable: false },
  { name: 'textAssistanceAccuracy', type: 'number', nullable: true },
];

describe('reading an export back from csv', () => {
  it('parses RFC 4180 quoting (commas, doubled quotes) under the header row', () => {
    const body = Buffer.from('ticketId,tags,department\r\n233,"[""Billing"", ""Move""]",Care\r\n,,""\r\n');
    const read = readCsv(body);
    expect(read).toEqual({
      ok: true,
      table: {
        header: ['ticketId', 'tags', 'department'],
        rows: [
          { ticketId: '233', tags: '["Billing", "Move"]', department: 'Care' },
          { ticketId: '', tags: '', department: '' },
        ],
      },
    });
    expect(csvUsesCrlf(body)).toBe(true);
    expect(csvUsesCrlf(Buffer.from('a,b\nc,d\n'))).toBe(false);
  });

  it('refuses a bare quote inside a field and rows of the wrong length', () => {
    expect(readCsv(Buffer.from('a,b\r\n1,x"y\r\n')).ok).toBe(false);
    expect(readCsv(Buffer.from('a,b\r\n1,2,3\r\n')).ok).toBe(false);
    expect(readCsv(Buffer.from(''))).toEqual({ ok: false, error: 'the csv is empty: not even a header row' });
  });

  it('types cells by the contract: numbers in number columns, empty cells null where nullable', () => {
    expect(
      typeCsvRow({ ticketId: '233', tags: '', department: '', textAssistanceAccuracy: '0.92' }, COLUMNS),
    ).toEqual({
      ticketId: 233,
      tags: null,
      department: '',
      textAssistanceAccuracy: 0.92,
    });
    // Text that is no number stays text, so the schema check reports the type.
    expect(typeCsvRow({ ticketId: '23x' }, COLUMNS)).toEqual({ ticketId: '23x' });
  });
});

describe('reading an export back from xlsx', () => {
  it('reads the first sheet: header, numbers as numbers, empty cells as null', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('reporting_worklog');
    sheet.addRow(['ticketId', 'tags', 'department']);
    sheet.addRow([233, '["Billing"]', 'Care']);
    sheet.addRow([null, null, 'Sales']);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await readXlsx(body)).toEqual({
      ok: true,
      sheets: ['reporting_worklog'],
      table: {
        header: ['ticketId', 'tags', 'department'],
        rows: [
          { ticketId: 233, tags: '["Billing"]', department: 'Care' },
          { ticketId: null, tags: null, department: 'Sales' },
        ],
      },
    });
  });

  it('says so when the body is no workbook', async () => {
    const read = await readXlsx(Buffer.from('ticketId,tags\r\n1,2\r\n'));
    expect(read.ok).toBe(false);
  });
});

describe('comparing csv/xlsx rows with JSON rows', () => {
  it('treats null and an empty cell alike and a number like its text', () => {
    expect(sameCell(null, '')).toBe(true);
    expect(sameCell(233, '233')).toBe(true);
    expect(sameCell(233, 233)).toBe(true);
    expect(sameCell(0.5, '0.50')).toBe(false);
    expect(sameCell('a', 'b')).toBe(false);
    expect(sameCell('', null)).toBe(true);
    expect(sameCell(0, '')).toBe(false);
  });

  it('names the first differing row and column, or a different row count', () => {
    const json = [
      { ticketId: 1, tags: null },
      { ticketId: 2, tags: '[]' },
    ];
    expect(
      firstRowDifference(
        json,
        [
          { ticketId: '1', tags: '' },
          { ticketId: '2', tags: '[]' },
        ],
        ['ticketId', 'tags'],
      ),
    ).toBeUndefined();
    expect(
      firstRowDifference(
        json,
        [
          { ticketId: '1', tags: '' },
          { ticketId: '3', tags: '[]' },
        ],
        ['ticketId', 'tags'],
      ),
    ).toBe('row 1, column ticketId: "3", the JSON export has 2');
    expect(firstRowDifference(json, [], ['ticketId'])).toBe('0 rows, the JSON export has 2');
  });

  it('finds a number stored as text in xlsx', () => {
    expect(firstTypeDifference([{ duration: 206 }], [{ duration: 206 }])).toBeUndefined();
    expect(firstTypeDifference([{ duration: 206 }], [{ duration: '206' }])).toBe(
      'row 0, column duration: a string cell ("206") for the JSON number 206',
    );
  });
});
