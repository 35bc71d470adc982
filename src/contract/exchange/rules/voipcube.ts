/**
 * VoIPcube's rules that one answer can show: every log inside [from, to], ascending by time (ties
 * by userId), no more logs than the page size when paging is on, only the users of userIds[].
 */
import { type Reading, type Row, rowsOf } from '../reading.ts';
import { queryParam } from '../suite-pieces.ts';
import type { Violation } from '../types.ts';
import { type ExchangeRule, NOT_APPLICABLE, ruleIsAssumed, show, single } from './rule.ts';

const LOGS = ['getUserStatuses'] as const;
const DEFAULT_SIZE = 25;

/** The logs of a 200, or undefined. */
function logsOf(r: Reading): Row[] | undefined {
  return r.status === 200 ? rowsOf(r) : undefined;
}

/** An instant from a from/to value (`YYYY-MM-DD` is midnight UTC, as documented); undefined when unreadable. */
export function instantOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(date)) return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Every log's time lies in [from, to] (documented: the query period). */
export function voipcubeWindowRule(r: Reading): Violation[] | null {
  const logs = logsOf(r);
  const from = instantOf(single(r.query, 'from'));
  const to = instantOf(single(r.query, 'to'));
  if (!logs || from === undefined || to === undefined) return NOT_APPLICABLE;
  const i = logs.findIndex((l) => {
    const t = typeof l.time === 'string' ? Date.parse(l.time) : Number.NaN;
    return !Number.isNaN(t) && (t < from || t > to);
  });
  if (i < 0) return [];
  return [
    {
      check: 'filters',
      pointer: `/${i}/time`,
      rule: 'inclusive-range',
      message: `log ${i} at ${show(logs[i]!.time)} is outside from=${single(r.query, 'from')} … to=${single(r.query, 'to')}`,
    },
  ];
}

/** Logs ascend by time, ties by userId (assumed: the doc states no order). */
export function voipcubeOrderRule(r: Reading): Violation[] | null {
  const logs = logsOf(r);
  if (!logs) return NOT_APPLICABLE;
  for (let i = 1; i < logs.length; i++) {
    const a = logs[i - 1]!;
    const b = logs[i]!;
    const ta = Date.parse(String(a.time));
    const tb = Date.parse(String(b.time));
    if (Number.isNaN(ta) || Number.isNaN(tb)) continue;
    const broken = tb < ta || (tb === ta && String(b.userId) < String(a.userId));
    if (!broken) continue;
    const assumed = ruleIsAssumed(r.op, 'order-time-then-user');
    return [
      {
        check: 'ordering',
        pointer: `/${i}/${tb < ta ? 'time' : 'userId'}`,
        rule: 'order-time-then-user',
        message:
          tb < ta
            ? `log ${i} at ${show(b.time)} comes after ${show(a.time)}`
            : `logs ${i - 1} and ${i} share time ${show(b.time)} but userId ${show(b.userId)} comes after ${show(a.userId)}`,
        ...(assumed ? { assumed: true } : {}),
      },
    ];
  }
  return [];
}

/** The page size in force: a whole positive number in decimal digits, else `fallback` (documented: 25). */
export function effectiveSize(query: URLSearchParams, fallback = DEFAULT_SIZE): number {
  const value = single(query, 'size');
  const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

/** With page or size given, paging is on and a page holds at most `size` logs (documented). */
export function voipcubePageSizeRule(r: Reading): Violation[] | null {
  const logs = logsOf(r);
  if (!logs || (!r.query.has('page') && !r.query.has('size'))) return NOT_APPLICABLE;
  const size = effectiveSize(r.query, Number(queryParam(r.op, 'size').fallback ?? DEFAULT_SIZE));
  if (logs.length <= size) return [];
  const sizeGiven = single(r.query, 'size');
  return [
    {
      check: 'pagination',
      pointer: `/${size}`,
      rule: 'size-fallback',
      message: `the page size is ${size}${sizeGiven === undefined || String(size) !== sizeGiven.replace(/^0+/, '') ? ' (the documented fallback)' : ''} but the answer holds ${logs.length} logs`,
      ...(ruleIsAssumed(r.op, 'size-fallback', false) ? { assumed: true } : {}),
    },
  ];
}

/** With userIds[], every log belongs to one of those users (ids compared in lower case). */
export function voipcubeUserIdsRule(r: Reading): Violation[] | null {
  const logs = logsOf(r);
  const wanted = r.query.getAll('userIds[]').map((id) => id.toLowerCase());
  if (!logs || wanted.length === 0) return NOT_APPLICABLE;
  const i = logs.findIndex((l) => !wanted.includes(String(l.userId).toLowerCase()));
  if (i < 0) return [];
  return [
    {
      check: 'filters',
      pointer: `/${i}/userId`,
      rule: 'user-ids-filter',
      message: `log ${i} is of user ${show(logs[i]!.userId)}, not one of userIds[] ${wanted.join(', ')}`,
    },
  ];
}

export const VOIPCUBE_RULES: ExchangeRule[] = [
  { name: 'voipcube-window', check: 'filters', operations: LOGS, run: voipcubeWindowRule },
  { name: 'voipcube-user-ids', check: 'filters', operations: LOGS, run: voipcubeUserIdsRule },
  {
    name: 'voipcube-page-size',
    check: 'pagination',
    operations: LOGS,
    run: voipcubePageSizeRule,
    assumedRule: 'size-fallback',
  },
  {
    name: 'voipcube-order',
    check: 'ordering',
    operations: LOGS,
    run: voipcubeOrderRule,
    assumedRule: 'order-time-then-user',
  },
];
