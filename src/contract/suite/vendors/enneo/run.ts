/**
 * What every Enneo check shares: the two endpoints, the contract's view of the export, the
 * expected privacy level, what the first page revealed, and small request helpers.
 */
import type { Operation } from '../../../loader.ts';
import type { HttpResponse } from '../../http-client.ts';
import { jsonBody } from '../../json-body.ts';
import { q } from '../../shared/query.ts';
import { expectRefused as sharedExpectRefused } from '../../shared/refusal.ts';
import type { AuthMode, CheckContext, CheckName, EndpointRef, PrivacyExpectation } from '../../types.ts';
import type { ExportView } from './contract-view.ts';
import type { FormatSample } from './format-sample.ts';
import type { ColumnExpectation } from './privacy.ts';

export const EXPORT: EndpointRef = { method: 'get', path: '/export/reporting_worklog' };
export const TICKET: EndpointRef = { method: 'get', path: '/ticket/{ticketId}/worklog' };

export type Row = Record<string, unknown>;

/** The state of one Enneo run, built by the plan from the first page. */
export interface EnneoRun {
  ctx: CheckContext;
  exportOp: Operation;
  ticketOp: Operation;
  view: ExportView;
  level: PrivacyExpectation;
  columns: ColumnExpectation;
  /** Columns whose presence the suite could not predict, that the first page did show. */
  shownUncertain: ReadonlySet<string>;
  /** A ticket to ask for worklogs: --ticket-id, else one from the first page. */
  ticketId?: number;
  /** The number of export rows, once a walk or a short page has told. */
  total?: number;
  /** The page of limit=1000 in the default order (the first page of a walk), fetched once. */
  bigPage: () => Promise<Row[]>;
  /** The sample query in json, csv and xlsx, fetched once. */
  sample: () => Promise<FormatSample>;
}

export { q };

/** GET the export with these query parameters. */
export function getExport(run: EnneoRun, params: Record<string, string | number>, auth?: AuthMode) {
  return run.ctx.call(EXPORT, { path: EXPORT.path, query: q(params) }, auth);
}

/** GET the worklogs of a ticket (the id as sent, not necessarily a number). */
export function getTicket(run: EnneoRun, ticketId: string | number, auth?: AuthMode) {
  return run.ctx.call(TICKET, { path: ticketPath(ticketId) }, auth);
}

export const ticketPath = (ticketId: string | number) => `/ticket/${ticketId}/worklog`;

/** The JSON array of a 200, or undefined. */
export function rowsOf(response: HttpResponse): Row[] | undefined {
  if (response.status !== 200) return undefined;
  const body = jsonBody(response);
  return Array.isArray(body) ? (body as Row[]) : undefined;
}

/**
 * Records that a request was refused: a 4xx (the rule; `assumed` when the rule itself is), then
 * exactly 400 with an error body naming the parameter (assumed: the doc lists no 400).
 */
export function expectRefused(
  run: EnneoRun,
  check: CheckName,
  endpoint: EndpointRef,
  title: string,
  response: HttpResponse,
  opts: { parameter: string; assumed: boolean },
): void {
  sharedExpectRefused(run.ctx, check, endpoint, title, response, opts);
}

/** Memoises an async value: steps that need the same answer share one request. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= make();
    return pending;
  };
}

/** The same rows, compared as JSON values in order. */
export const sameRows = (a: readonly Row[], b: readonly Row[]) => JSON.stringify(a) === JSON.stringify(b);

/** userWorklogIds of rows, for messages and set comparisons. */
export const idsOf = (rows: readonly Row[]) => rows.map((r) => r.userWorklogId);
