/**
 * Enneo's export rules that one answer shows: no more rows than `limit` (default from the
 * contract), rows in the order of orderByField/orderByDirection, and the columns and date
 * precision of the expected privacy level. Pure.
 */
import type { Operation } from '../../loader.ts';
import { queryParam, ruleAssumed } from '../shared/contract-reading.ts';
import { type Direction, firstOrderViolation } from '../vendors/enneo/export-order.ts';
import type { ColumnExpectation } from '../vendors/enneo/privacy.ts';
import { columnProblems, firstTimedCell } from '../vendors/enneo/privacy.ts';
import { type ExchangeRule, type ExchangeView, param, problem } from './types.ts';

type Row = Record<string, unknown>;

const rowsOf = (e: ExchangeView): Row[] | undefined =>
  e.status === 200 && Array.isArray(e.body) ? (e.body as Row[]) : undefined;

/**
 * The rules of `GET /export/reporting_worklog` (JSON answers). `columns` is what the expected
 * privacy level shows this caller; without it the privacy rule is left out.
 */
export function enneoExportRules(op: Operation, columns?: ColumnExpectation): ExchangeRule[] {
  const limit = queryParam(op, 'limit');
  const direction = queryParam(op, 'orderByDirection');
  const defaultLimit = Number(limit.default ?? 100);
  const defaultDirection = String(direction.default ?? 'desc') as Direction;
  const rules: ExchangeRule[] = [];
  const limitRule: ExchangeRule = {
    id: 'limit-range',
    check: 'pagination',
    assumed: false,
    judge(e) {
      const rows = rowsOf(e);
      const n = Number(param(e, 'limit') ?? defaultLimit);
      if (!rows || !Number.isInteger(n)) return [];
      return rows.length > n ? [problem(limitRule, `limit ${n} but ${rows.length} rows`, `/${n}`)] : [];
    },
  };
  const orderRule: ExchangeRule = {
    id: 'order-direction',
    check: 'ordering',
    assumed: false,
    judge(e) {
      const rows = rowsOf(e);
      if (!rows) return [];
      // The contract gives orderByField no default; its rule order-default names `date`.
      const field = param(e, 'orderByField') ?? 'date';
      const defaulted = param(e, 'orderByField') === undefined;
      const dir = (param(e, 'orderByDirection') ?? defaultDirection) as Direction;
      if (dir !== 'asc' && dir !== 'desc') return [];
      const v = firstOrderViolation(rows, field, dir);
      if (!v) return [];
      // Only a plain misorder breaks the documented meaning; NULL placement, collation and ties are rules of their own.
      const id = {
        order: 'order-direction',
        nulls: 'order-nulls',
        collation: 'order-compare',
        tiebreak: 'order-tiebreak',
      }[v.kind];
      return [
        {
          check: 'ordering',
          rule: id,
          pointer: `/${v.index}/${field}`,
          message: v.message,
          assumed:
            v.kind !== 'order' ? ruleAssumed(op, id) : defaulted ? ruleAssumed(op, 'order-default') : false,
        },
      ];
    },
  };
  rules.push(limitRule, orderRule);
  if (columns) {
    const privacyRule: ExchangeRule = {
      id: 'privacy-levels',
      check: 'privacy',
      assumed: ruleAssumed(op, 'privacy-levels'),
      judge(e) {
        const rows = rowsOf(e) ?? [];
        const out = rows.flatMap((row, i) =>
          columnProblems(Object.keys(row), columns).map((m) =>
            problem(privacyRule, `row ${i} ${m}`, `/${i}`),
          ),
        );
        const timed = firstTimedCell(rows, columns.dateOnly);
        if (timed) out.push(problem(privacyRule, timed));
        return out;
      },
    };
    rules.push(privacyRule);
  }
  return rules;
}
