/**
 * One export query fetched in all three formats, read back into rows: what the formats and privacy
 * checks compare.
 */
import type { HttpResponse } from '../../http-client.ts';
import { type ReadResult, readCsv, readXlsx } from './formats.ts';
import { type EnneoRun, getExport, type Row, rowsOf } from './run.ts';

/** A representation fetched and read. `read` is undefined when the answer was not a 200. */
export interface Fetched {
  response: HttpResponse;
  read?: ReadResult;
}

export interface FormatSample {
  json: Row[] | undefined;
  jsonResponse: HttpResponse;
  csv: Fetched;
  xlsx: Fetched;
}

/** The query every format is asked for: small, and in the default order. */
export const SAMPLE_QUERY = { limit: 20 } as const;

/** Fetches the sample query as json, csv and xlsx. */
export async function fetchFormats(run: EnneoRun): Promise<FormatSample> {
  const jsonResponse = await getExport(run, { ...SAMPLE_QUERY, format: 'json' });
  const csvResponse = await getExport(run, { ...SAMPLE_QUERY, format: 'csv' });
  const xlsxResponse = await getExport(run, { ...SAMPLE_QUERY, format: 'xlsx' });
  return {
    json: rowsOf(jsonResponse),
    jsonResponse,
    csv: { response: csvResponse, read: csvResponse.status === 200 ? readCsv(csvResponse.body) : undefined },
    xlsx: {
      response: xlsxResponse,
      read: xlsxResponse.status === 200 ? await readXlsx(xlsxResponse.body) : undefined,
    },
  };
}

/** The header and rows of a representation that was read, else undefined. */
export function tableOf(fetched: Fetched) {
  return fetched.read?.ok ? fetched.read.table : undefined;
}
