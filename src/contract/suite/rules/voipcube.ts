/**
 * VoIPcube's rules that one answer shows: times inside [from, to], ascending order, at most `size`
 * logs per page, only the users of `userIds[]`. Pure.
 */
import type { Operation } from '../../loader.ts';
import { queryParam, ruleAssumed } from '../shared/contract-reading.ts';
import { type ExchangeRule, type ExchangeView, param, params, problem } from './types.ts';

type Log = { status?: unknown; userId?: unknown; time?: unknown };

/** The logs of a 200 answer, or undefined when the answer is none. */
const logsOf = (e: ExchangeView): Log[] | undefined =>
  e.status === 200 && Array.isArray(e.body) ? (e.body as Log[]) : undefined;

/** Milliseconds of a `from`/`to` value: a date alone is 00:00:00 UTC (rule date-only-is-midnight). */
export function instantOf(value: string | undefined): number {
  if (value === undefined) return Number.NaN;
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/** A whole positive decimal number, or undefined (rule whole-number-spelling). */
function wholePositive(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/** The rules of `GET /stats/user-statuses`, with their assumptions read from `op`. */
export function voipcubeRules(op: Operation): ExchangeRule[] {
  const sizeFallback = Number(queryParam(op, 'size').fallback ?? 25);
  const inRange: ExchangeRule = {
    id: 'inclusive-range',
    check: 'filters',
    // That from and to bound the period is documented; only the inclusive ends are assumed, and
    // a log on an end is inside either way.
    assumed: false,
    judge(e) {
      const logs = logsOf(e);
      const lo = instantOf(param(e, 'from'));
      const hi = instantOf(param(e, 'to'));
      if (!logs || Number.isNaN(lo) || Number.isNaN(hi)) return [];
      return logs.flatMap((l, i) => {
        const t = Date.parse(String(l.time));
        return t < lo || t > hi
          ? [
              problem(
                inRange,
                `log ${i} at ${String(l.time)} is outside ${param(e, 'from')} … ${param(e, 'to')}`,
                `/${i}/time`,
              ),
            ]
          : [];
      });
    },
  };
  const ordered: ExchangeRule = {
    id: 'order-time-then-user',
    check: 'ordering',
    assumed: ruleAssumed(op, 'order-time-then-user'),
    judge(e) {
      const logs = logsOf(e) ?? [];
      for (let i = 1; i < logs.length; i++) {
        const a = logs[i - 1]!;
        const b = logs[i]!;
        const ta = String(a.time);
        const tb = String(b.time);
        if (Date.parse(tb) < Date.parse(ta))
          return [
            problem(ordered, `log ${i} (${tb}) comes after ${ta}: logs must ascend by time`, `/${i}/time`),
          ];
        if (Date.parse(tb) === Date.parse(ta) && String(b.userId) < String(a.userId))
          return [
            problem(
              ordered,
              `log ${i} breaks the tie order: same time, userId ${String(b.userId)} after ${String(a.userId)}`,
              `/${i}/userId`,
            ),
          ];
      }
      return [];
    },
  };
  const pageSize: ExchangeRule = {
    id: 'size-fallback',
    check: 'pagination',
    assumed: ruleAssumed(op, 'size-fallback'),
    judge(e) {
      const logs = logsOf(e);
      const paginated = param(e, 'page') !== undefined || param(e, 'size') !== undefined;
      if (!logs || !paginated) return [];
      // A repeated size is invalid and falls back too.
      const size =
        params(e, 'size').length === 1 ? (wholePositive(param(e, 'size')) ?? sizeFallback) : sizeFallback;
      return logs.length > size
        ? [problem(pageSize, `a page of size ${size} holds ${logs.length} logs`, `/${size}`)]
        : [];
    },
  };
  const onlyUsers: ExchangeRule = {
    id: 'user-ids-filter',
    check: 'filters',
    // "Possibility to only fetch the logs of specific userIds" is documented; the details are not.
    assumed: false,
    judge(e) {
      const logs = logsOf(e);
      const wanted = new Set(params(e, 'userIds[]').map((id) => id.toLowerCase()));
      if (!logs || wanted.size === 0) return [];
      return logs.flatMap((l, i) =>
        wanted.has(String(l.userId).toLowerCase())
          ? []
          : [
              problem(
                onlyUsers,
                `log ${i} is of user ${String(l.userId)}, not one of userIds[]`,
                `/${i}/userId`,
              ),
            ],
      );
    },
  };
  return [inRange, ordered, pageSize, onlyUsers];
}
