/**
 * An exchange read once for every rule: the operation, the query, the media type, and the body as
 * JSON or as rows (csv and xlsx read back with the suite's readers). Rules then stay pure and sync.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Operation } from '../loader.ts';
import { normalizeMediaType } from '../responses.ts';
import { readCsv, readXlsx, type Table } from './suite-pieces.ts';
import type { Exchange, HeaderMap } from './types.ts';

export type Row = Record<string, unknown>;

/** The body's representation, from its Content-Type. */
export type BodyFormat = 'json' | 'csv' | 'xlsx' | 'other' | 'none';

/** What rules see of one exchange. */
export interface Reading {
  op: Operation;
  method: string;
  status: number;
  /** Lower-case media type without parameters, '' when absent. */
  mediaType: string;
  query: URLSearchParams;
  requestHeaders: HeaderMap;
  responseHeaders: HeaderMap;
  format: BodyFormat;
  /** The parsed JSON body (format json). */
  json?: unknown;
  /** Why a json/csv/xlsx body could not be read. */
  unreadable?: string;
  /** A csv/xlsx table: its header and rows keyed by it (cells as read, not yet typed). */
  table?: Table;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One header value (the first of several). */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** The body's representation a media type (lower case, no parameters) names. */
export function formatOf(mediaType: string): BodyFormat {
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  if (mediaType === 'text/csv') return 'csv';
  if (mediaType === XLSX) return 'xlsx';
  return 'other';
}

/** The body as the server meant it: a gzip, deflate or br Content-Encoding undone. */
export function decodedBody(body: Buffer, headers: HeaderMap): Buffer {
  const encoding = (headerValue(headers, 'content-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  return body;
}

/** Reads the exchange for `op`. Never throws: an unreadable body is `unreadable`. */
export async function readExchange(exchange: Exchange, op: Operation): Promise<Reading> {
  const mediaType = normalizeMediaType(headerValue(exchange.responseHeaders, 'content-type') ?? '');
  const queryAt = exchange.url.indexOf('?');
  const reading: Reading = {
    op,
    method: exchange.method.toUpperCase(),
    status: exchange.status,
    mediaType,
    query: new URLSearchParams(queryAt < 0 ? '' : exchange.url.slice(queryAt + 1)),
    requestHeaders: exchange.requestHeaders,
    responseHeaders: exchange.responseHeaders,
    format: hasNoBody(exchange) ? 'none' : formatOf(mediaType),
  };
  if (reading.format === 'none' || reading.format === 'other') return reading;
  let body: Buffer;
  try {
    body = decodedBody(exchange.body, exchange.responseHeaders);
  } catch (err) {
    reading.unreadable = `the body cannot be decoded (${(err as Error).message})`;
    return reading;
  }
  if (reading.format === 'json') {
    try {
      reading.json = JSON.parse(body.toString('utf8'));
    } catch {
      reading.unreadable = `the body is not JSON: ${JSON.stringify(body.subarray(0, 80).toString('utf8'))}`;
    }
    return reading;
  }
  const read = reading.format === 'csv' ? readCsv(body) : await readXlsx(body);
  if (read.ok) reading.table = read.table;
  else reading.unreadable = read.error;
  return reading;
}

/** HEAD answers and 204/304 carry no body whatever their Content-Type says. */
function hasNoBody(exchange: Exchange): boolean {
  return exchange.method.toUpperCase() === 'HEAD' || exchange.status === 204 || exchange.status === 304;
}

/** The body as rows: a JSON array of objects, or a table's rows; undefined when it is neither. */
export function rowsOf(reading: Reading): Row[] | undefined {
  if (reading.table) return reading.table.rows;
  if (!Array.isArray(reading.json)) return undefined;
  return reading.json.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))
    ? (reading.json as Row[])
    : undefined;
}
