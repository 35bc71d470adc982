/**
 * Formats: csv and xlsx carry the same rows as JSON for the same query, under the documented
 * header, in a readable file with the right content type and download name; every parsed row
 * keeps the row schema; JSON rows list their columns in documented order.
 */
import type { Problem } from '../../../problems.ts';
import type { HttpResponse } from '../../http-client.ts';
import { describe } from '../../json-body.ts';
import { expectRule, ruleFor } from '../../shared/rule-check.ts';
import { expectSchema } from '../../shared/schema-findings.ts';
import { ruleAssumed } from './contract-view.ts';
import { type Fetched, type FormatSample, SAMPLE_QUERY, tableOf } from './format-sample.ts';
import {
  csvUsesCrlf,
  firstRowDifference,
  firstTypeDifference,
  readCsv,
  type Table,
  typeCsvRow,
} from './formats.ts';
import { expectedHeader } from './privacy.ts';
import { type EnneoRun, EXPORT, getExport, type Row } from './run.ts';

const MEDIA = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Runs the format checks on the sample, then asks for an empty csv page when the end is known. */
export async function formatChecks(run: EnneoRun, sample: FormatSample): Promise<void> {
  const { ctx } = run;
  const inOrder = ruleAssumed(run.exportOp, 'columns-in-order');
  const json = sample.json;
  if (!json) {
    ctx.expect('formats', EXPORT, 'format=json is served as a JSON array', false, {
      message: `got ${describe(sample.jsonResponse)}`,
      request: sample.jsonResponse.url,
    });
  } else {
    const expected = expectedHeader(run.view, run.columns, run.shownUncertain).join();
    const bad = json.findIndex(
      (row) =>
        Object.keys(row).join() !== expectedHeader(run.view, run.columns, new Set(Object.keys(row))).join(),
    );
    ctx.expect('formats', EXPORT, 'json rows list their columns in documented order', bad === -1, {
      message: `row ${bad} has ${Object.keys(json[bad] ?? {}).join(', ')}; expected ${expected}`,
      assumed: inOrder,
    });
  }

  for (const format of ['csv', 'xlsx'] as const) {
    const fetched = sample[format];
    if (!served(run, format, fetched)) continue;
    const table = tableOf(fetched)!;
    const shown = new Set(table.header);
    const header = expectedHeader(run.view, run.columns, shown);
    ctx.expect(
      'formats',
      EXPORT,
      `${format}: the header row is the documented columns in order`,
      table.header.join() === header.join(),
      {
        message: `got ${table.header.join(', ')}; expected ${header.join(', ')}`,
        assumed: inOrder,
      },
    );
    if (!json) continue;
    const typed = format === 'csv' ? table.rows.map((r) => typeCsvRow(r, run.view.columns)) : table.rows;
    const difference = firstRowDifference(
      json,
      table.rows,
      table.header.filter((c) => json.every((r) => c in r)),
    );
    ctx.expect('formats', EXPORT, `${format}: the rows equal the JSON rows of the same query`, !difference, {
      message: difference ?? '',
    });
    if (format === 'xlsx') {
      const types = firstTypeDifference(json, table.rows);
      ctx.expect('formats', EXPORT, 'xlsx: numbers are numeric cells and text is text', !types, {
        message: types ?? '',
        assumed: ruleAssumed(run.exportOp, 'xlsx-layout'),
      });
      const sheets = fetched.read?.ok ? (fetched.read.sheets ?? []) : [];
      ctx.expect('formats', EXPORT, 'xlsx: the workbook has exactly one sheet', sheets.length === 1, {
        message: `sheets: ${sheets.join(', ')}`,
        assumed: ruleAssumed(run.exportOp, 'xlsx-layout'),
      });
    }
    schemaOfRows(run, format, typed);
  }

  if (run.total !== undefined) await emptyCsv(run, run.total);
}

/** Status, content type, download name and readability of a csv/xlsx answer; true when it can be read. */
function served(run: EnneoRun, format: 'csv' | 'xlsx', fetched: Fetched): boolean {
  const { ctx } = run;
  const r = fetched.response;
  if (
    !ctx.expect('formats', EXPORT, `format=${format} is served`, r.status === 200, {
      message: `got ${describe(r)}`,
      request: r.url,
    })
  ) {
    return false;
  }
  ctx.expect(
    'formats',
    EXPORT,
    `${format}: the content type is ${MEDIA[format]}`,
    r.mediaType === MEDIA[format],
    {
      message: `got ${r.headers.get('content-type') ?? '(none)'}`,
    },
  );
  if (format === 'csv') {
    const type = r.headers.get('content-type') ?? '';
    ctx.expect(
      'formats',
      EXPORT,
      'csv: the content type says charset=utf-8',
      /;\s*charset="?utf-8"?/i.test(type),
      {
        message: `got ${type}`,
        assumed: ruleAssumed(run.exportOp, 'csv-layout'),
      },
    );
    ctx.expect('formats', EXPORT, 'csv: lines end in CRLF', csvUsesCrlf(r.body), {
      message: 'the header line ends in a bare LF',
      assumed: ruleAssumed(run.exportOp, 'csv-layout'),
    });
  }
  expectRule(
    ctx,
    EXPORT,
    ruleFor(run.exportOp, 'enneo-disposition', { options: {}, exportView: run.view }),
    r,
    `${format}: Content-Disposition names an attachment reporting_worklog.${format}`,
  );
  const read = fetched.read;
  return ctx.expect(
    'formats',
    EXPORT,
    `${format}: the body reads as ${format === 'csv' ? 'RFC 4180 csv' : 'an xlsx workbook'}`,
    read?.ok === true,
    {
      message: read && !read.ok ? read.error : 'not read',
      request: r.url,
    },
  );
}

/**
 * Each parsed row validates against the contract's row schema, like a JSON row; a problem in an
 * assumed part of the schema only warns, as for JSON bodies.
 */
/** Most row problems collected from one csv/xlsx answer. */
const MAX_ROW_PROBLEMS = 100;

function schemaOfRows(run: EnneoRun, format: string, rows: Row[]): void {
  // Bounded like the loader's own detail: a hostile answer of many wrong rows costs no more than 100.
  const problems: Problem[] = [];
  for (let i = 0; i < rows.length && problems.length < MAX_ROW_PROBLEMS; i++) {
    problems.push(...run.exportOp.validateItem('200', 'application/json', rows[i], i));
  }
  expectSchema(
    run.ctx,
    EXPORT,
    {
      firm: `${format}: every parsed row matches the row schema`,
      assumed: `${format}: every parsed row matches the assumed parts of the row schema`,
    },
    problems,
    run.exportOp.assumedPointers('200', 'application/json'),
    { what: `in ${rows.length} ${format} rows` },
  );
}

async function emptyCsv(run: EnneoRun, total: number): Promise<void> {
  const r: HttpResponse = await getExport(run, { ...SAMPLE_QUERY, format: 'csv', offset: total });
  const read = r.status === 200 ? readCsv(r.body) : undefined;
  const table: Table | undefined = read?.ok ? read.table : undefined;
  run.ctx.expect(
    'formats',
    EXPORT,
    'csv: a page past the end is the header row alone',
    !!table && table.rows.length === 0 && table.header.length > 0,
    {
      message: table ? `${table.rows.length} rows` : `got ${describe(r)}`,
      assumed: ruleAssumed(run.exportOp, 'paging-window'),
      request: r.url,
    },
  );
}
