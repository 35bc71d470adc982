/**
 * What every VoIPcube check shares: the endpoint, its contract, its per-answer rules, the day of
 * logs the checks look at (found by the probe) and a request helper.
 */
import type { Operation } from '../../../loader.ts';
import type { HttpResponse } from '../../http-client.ts';
import { type BoundRule, ruleFor } from '../../shared/rule-check.ts';
import type { AuthMode, CheckContext, EndpointRef } from '../../types.ts';

export const EP: EndpointRef = { method: 'get', path: '/stats/user-statuses' };

export type Log = { status: string; userId: string; time: string };

/** The state of one VoIPcube run. */
export interface VoipcubeRun {
  ctx: CheckContext;
  op: Operation;
  rules: Record<'inRange' | 'ordered' | 'pageSize' | 'onlyUsers', BoundRule>;
  /** One day around a known log: every unpaginated answer stays small, even on a real vendor. */
  from: string;
  to: string;
  /** Every log of [from, to], unpaginated. */
  all: Log[];
  /** --user-id, when given. */
  userId?: string;
  /** A log the probe found. */
  sample: Log;
}

export function rulesOf(op: Operation): VoipcubeRun['rules'] {
  return {
    inRange: ruleFor(op, 'voipcube-window'),
    ordered: ruleFor(op, 'voipcube-order'),
    pageSize: ruleFor(op, 'voipcube-page-size'),
    onlyUsers: ruleFor(op, 'voipcube-user-ids'),
  };
}

/** GET the endpoint with these query pairs. */
export function get(ctx: CheckContext, query: [string, string][], auth?: AuthMode): Promise<HttpResponse> {
  return ctx.call(EP, { path: EP.path, query }, auth);
}

/** The same logs in the same order. */
export function sameLogs(a: readonly Log[], b: readonly Log[]): boolean {
  return (
    a.length === b.length &&
    a.every((l, i) => l.time === b[i]!.time && l.userId === b[i]!.userId && l.status === b[i]!.status)
  );
}
