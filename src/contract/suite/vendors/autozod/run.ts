/**
 * What every Autozod check shares: the endpoint, its contract and per-answer rules, the team and
 * agent the checks ask about, the last day of the window, and a request helper.
 */
import type { Operation } from '../../../loader.ts';
import type { HttpResponse } from '../../http-client.ts';
import type { BoundRule } from '../../shared/rule-check.ts';
import type { AuthMode, CheckContext, EndpointRef } from '../../types.ts';

export const EP: EndpointRef = { method: 'get', path: '/api/sessionLogs/list' };
export const DAY = 86_400_000;

export interface AutozodRun {
  ctx: CheckContext;
  op: Operation;
  rules: BoundRule[];
  teamId: string;
  agentId: string;
  /** 00:00 UTC of the last day of the week the checks look at. */
  end: number;
  /** The query every request starts from: team, agent, type. */
  base: Record<string, string>;
}

/** GET the endpoint with these parameters. */
export function get(
  ctx: CheckContext,
  params: Record<string, string>,
  auth?: AuthMode,
): Promise<HttpResponse> {
  return ctx.call(EP, { path: EP.path, query: Object.entries(params) }, auth);
}
