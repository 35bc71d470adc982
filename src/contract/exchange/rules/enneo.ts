/**
 * Enneo's export rules that one answer can show: no more rows than `limit`, rows in the order of
 * `orderByField`/`orderByDirection`, the columns of the expected privacy level, and (csv/xlsx) a
 * header of the level's columns in documented order.
 */

import { headerValue, type Reading, type Row, rowsOf } from '../reading.ts';
import {
  columnBreaks,
  type Direction,
  type ExportView,
  expectColumns,
  firstOrderViolation,
  levelsFitting,
  queryParam,
  timedCellAt,
  tokenHasPermission,
  typeCsvRow,
} from '../suite-pieces.ts';
import type { Violation } from '../types.ts';
import { type ExchangeRule, NOT_APPLICABLE, type RuleContext, ruleIsAssumed } from './rule.ts';

const EXPORT = ['exportReportingWorklog'] as const;

/** The export's rows of a 200, csv cells given their JSON types; undefined when there are none to judge. */
export function exportRows(r: Reading, view: ExportView | undefined): Row[] | undefined {
  if (r.status !== 200) return undefined;
  const rows = rowsOf(r);
  if (!rows || !view || r.format !== 'csv') return rows;
  return rows.map((row) => typeCsvRow(row, view.columns));
}

/** `limit` (its default and range as the contract states them) is honoured: at most that many rows. Documented. */
export function enneoLimitRule(r: Reading, ctx: RuleContext): Violation[] | null {
  const rows = exportRows(r, ctx.exportView);
  if (!rows) return NOT_APPLICABLE;
  const given = r.query.getAll('limit');
  // An invalid limit should have been refused; what it was "honoured" as cannot be told.
  if (given.length > 1 || (given.length === 1 && !/^\d+$/.test(given[0]!))) return NOT_APPLICABLE;
  const stated = queryParam(r.op, 'limit');
  const fallback = Number(stated.default ?? 100);
  const limit = given.length === 1 ? Number(given[0]) : fallback;
  if (limit < (stated.minimum ?? 1) || limit > (stated.maximum ?? 1000) || rows.length <= limit) return [];
  return [
    {
      check: 'pagination',
      pointer: `/${limit}`,
      rule: 'limit-range',
      message: `limit=${given.length ? limit : `(default) ${fallback}`} but the answer holds ${rows.length} rows`,
    },
  ];
}

/** Rows follow `orderByField` (default date) in `orderByDirection` (default desc), ties by userWorklogId. */
export function enneoOrderRule(r: Reading, ctx: RuleContext): Violation[] | null {
  const rows = exportRows(r, ctx.exportView);
  if (!rows) return NOT_APPLICABLE;
  if (rows.length < 2) return [];
  const fieldGiven = r.query.getAll('orderByField');
  const directionGiven = r.query.getAll('orderByDirection');
  if (fieldGiven.length > 1 || directionGiven.length > 1) return NOT_APPLICABLE;
  const field = fieldGiven[0] ?? 'date';
  const direction = (directionGiven[0] ??
    String(queryParam(r.op, 'orderByDirection').default ?? 'desc')) as Direction;
  if (direction !== 'asc' && direction !== 'desc') return NOT_APPLICABLE;
  // Ordering by a column the answer does not show cannot be judged from it.
  if (!rows.some((row) => field in row)) return NOT_APPLICABLE;
  // The first break of each kind: a tie-break slip (assumed) must not hide a plain misorder after it.
  const firsts = new Map<string, Violation>();
  for (let i = 1; i < rows.length && firsts.size < 4; i++) {
    const found = firstOrderViolation([rows[i - 1]!, rows[i]!], field, direction);
    if (!found || firsts.has(found.kind)) continue;
    const ruleId = {
      order: fieldGiven.length ? 'order-direction' : 'order-default',
      nulls: 'order-nulls',
      collation: 'order-compare',
      tiebreak: 'order-tiebreak',
    }[found.kind];
    // A plain misorder breaks the documented meaning of orderByField; the finer rules are assumed.
    const assumed =
      found.kind === 'order'
        ? fieldGiven.length === 0 && ruleIsAssumed(r.op, 'order-default')
        : ruleIsAssumed(r.op, ruleId);
    firsts.set(found.kind, {
      check: 'ordering',
      pointer: `/${i}/${field}`,
      rule: ruleId,
      // The pair was judged alone, so its message counts rows 0 and 1.
      message: found.message
        .replace(/^rows 0 and 1\b/, `rows ${i - 1} and ${i}`)
        .replace(/^row 1\b/, `row ${i}`),
      ...(assumed ? { assumed: true } : {}),
    });
  }
  return [...firsts.values()];
}

/** The bearer token the request carried, when it has one. */
function bearerOf(r: Reading): string | undefined {
  const value = Object.entries(r.requestHeaders).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const text = Array.isArray(value) ? value[0] : value;
  const match = text ? /^Bearer\s+(\S+)$/i.exec(text.trim()) : null;
  return match?.[1];
}

/**
 * The columns of the expected privacy level (default none): omitted ones absent (the key, not a
 * null), kept ones present, date-only columns cut to YYYY-MM-DD. A column that hangs on a
 * permission is judged only when the request's JWT shows the caller's permissions.
 */
export function enneoPrivacyRule(r: Reading, ctx: RuleContext): Violation[] | null {
  const view = ctx.exportView;
  const rows = exportRows(r, view);
  if (!rows || !view) return NOT_APPLICABLE;
  const level = ctx.options.expectPrivacy ?? 'none';
  if (!view.privacy[level]) return NOT_APPLICABLE;
  const token = bearerOf(r);
  const columns = expectColumns(view, level, (permission) =>
    token ? tokenHasPermission(token, permission) : undefined,
  );
  const assumed = ruleIsAssumed(r.op, 'privacy-levels', false);
  const keySets: [string, string[]][] = r.table
    ? [[r.table.rows.length ? '/0' : '', r.table.header]]
    : rows.map((row, i): [string, string[]] => [`/${i}`, Object.keys(row)]);
  const violation = (pointer: string, message: string): Violation => {
    // A server set to another level than expected is the likeliest cause: name the level the columns fit.
    const fits = levelsFitting(
      view,
      level,
      keySets.map(([, keys]) => keys),
      rows,
      (p) => (token ? tokenHasPermission(token, p) : undefined),
    );
    const hint = fits.length ? `; the columns fit --expect-privacy ${fits.join(' or ')}` : '';
    return {
      check: 'privacy',
      pointer,
      rule: 'privacy-levels',
      message: `${message} (expected level ${level}${hint})`,
      ...(assumed ? { assumed: true } : {}),
    };
  };
  for (const [pointer, keys] of keySets) {
    const { leaked, missing } = columnBreaks(keys, columns);
    if (leaked.length)
      return [violation(`${pointer}/${leaked[0]}`, `${leaked.join(', ')} present, which the level omits`)];
    if (missing.length) return [violation(pointer, `${missing.join(', ')} missing, which the level keeps`)];
  }
  const timed = timedCellAt(rows, columns.dateOnly);
  if (timed)
    return [
      violation(
        `/${timed.row}/${timed.column}`,
        `${timed.column} is ${JSON.stringify(timed.value)}, not YYYY-MM-DD`,
      ),
    ];
  return [];
}

/** A csv/xlsx header names the shown columns in documented order (the level's own set is enneoPrivacyRule's). */
export function enneoColumnsRule(r: Reading, ctx: RuleContext): Violation[] | null {
  const view = ctx.exportView;
  if (r.status !== 200 || !r.table || !view) return NOT_APPLICABLE;
  const documented = view.columns.map((c) => c.name);
  const header = r.table.header;
  const unknown = header.filter((h) => !documented.includes(h));
  const known = header.filter((h) => documented.includes(h));
  const inOrder = known.every((h, i) => i === 0 || documented.indexOf(h) > documented.indexOf(known[i - 1]!));
  if (unknown.length === 0 && inOrder) return [];
  const assumed = ruleIsAssumed(r.op, 'columns-in-order');
  return [
    {
      check: 'formats',
      pointer: '',
      rule: 'columns-in-order',
      message: unknown.length
        ? `the header has columns the contract does not document: ${unknown.join(', ')}`
        : `the header's columns are not in documented order: ${header.join(', ')}`,
      ...(assumed ? { assumed: true } : {}),
    },
  ];
}

/**
 * A csv/xlsx 200 names its file as the contract's Content-Disposition pattern says (without a
 * pattern: an attachment), with the format's extension.
 */
export function enneoDispositionRule(r: Reading, ctx: RuleContext): Violation[] | null {
  const view = ctx.exportView;
  if (r.status !== 200 || (r.format !== 'csv' && r.format !== 'xlsx') || !view) return NOT_APPLICABLE;
  const pattern = view.dispositionPattern ?? /^attachment\b/;
  const value = headerValue(r.responseHeaders, 'content-disposition');
  if (value !== undefined && pattern.test(value) && value.endsWith(`.${r.format}"`)) return [];
  return [
    {
      check: 'formats',
      rule: 'content-disposition',
      message: `Content-Disposition is ${value === undefined ? 'missing' : JSON.stringify(value)}; expected attachment; filename="reporting_worklog.${r.format}"`,
      // The header is x-standin-assumed in the contract: the doc names no file.
      assumed: view.dispositionAssumed,
    },
  ];
}

export const ENNEO_RULES: ExchangeRule[] = [
  { name: 'enneo-limit', check: 'pagination', operations: EXPORT, run: enneoLimitRule },
  { name: 'enneo-order', check: 'ordering', operations: EXPORT, run: enneoOrderRule },
  {
    name: 'enneo-privacy',
    check: 'privacy',
    operations: EXPORT,
    run: enneoPrivacyRule,
    assumedRule: 'privacy-levels',
  },
  {
    name: 'enneo-columns',
    check: 'formats',
    operations: EXPORT,
    run: enneoColumnsRule,
    assumedRule: 'columns-in-order',
  },
  { name: 'enneo-disposition', check: 'formats', operations: EXPORT, run: enneoDispositionRule },
];
