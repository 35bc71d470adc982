/**
 * What every Enneo check shares: the two endpoints, the contract's view of the export, the
 * expected privacy level, what the first page revealed, and small request helpers.
 */
import type { Operation } from '../../../loader.ts';
import type { HttpResponse } from '../../http-client.ts';
import { describe, isClientError, jsonBody } from '../../json-body.ts';
import type { AuthMode, CheckContext, CheckName, EndpointRef, PrivacyExpectation } from '../../types.ts';
import type { ExportView } from './contract-view.ts';
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
}

/** Query pairs from an object, in its key order. */
export const q = (params: Record<string, string | number>): [string, string][] =>
  Object.entries(params).map(([k, v]) => [k, String(v)]);

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

/** True when an error body names the parameter, in `parameter` or anywhere in its text. */
export function namesParameter(response: HttpResponse, parameter: string): boolean {
  const body = jsonBody(response);
  if (body === null || typeof body !== 'object') return false;
  return Object.values(body).some((v) => typeof v === 'string' && v.includes(parameter));
}

/**
 * Records that a request was refused: a 4xx (the rule; `assumed` when the rule itself is), then
 * exactly 400 with an error body naming the parameter (always assumed: the doc lists no 400).
 */
export function expectRefused(
  run: EnneoRun,
  check: CheckName,
  endpoint: EndpointRef,
  title: string,
  response: HttpResponse,
  opts: { parameter: string; assumed: boolean },
): void {
  const refused = run.ctx.expect(check, endpoint, title, isClientError(response.status), {
    message: `expected a 4xx, got ${describe(response)}`,
    assumed: opts.assumed,
    request: response.url,
  });
  if (!refused) return;
  run.ctx.expect(
    check,
    endpoint,
    `${title} with 400 naming ${opts.parameter}`,
    response.status === 400 && namesParameter(response, opts.parameter),
    { message: `got ${describe(response)}`, assumed: true, request: response.url },
  );
}

/** The same rows, compared as JSON values in order. */
export const sameRows = (a: readonly Row[], b: readonly Row[]) => JSON.stringify(a) === JSON.stringify(b);

/** userWorklogIds of rows, for messages and set comparisons. */
export const idsOf = (rows: readonly Row[]) => rows.map((r) => r.userWorklogId);
