/**
 * What every exchange can show whatever the vendor: the status is documented, the content type is
 * documented for it, and the body keeps the schema (a JSON body whole; csv/xlsx rows each, against
 * the JSON items schema, since the contract describes the rows once).
 */
import type { Problem } from '../../problems.ts';
import type { Reading } from '../reading.ts';
import { problemLine, typeCsvRow } from '../suite-pieces.ts';
import type { Violation } from '../types.ts';
import { type ExchangeRule, NOT_APPLICABLE, type RuleContext } from './rule.ts';

/** The status is one the contract documents (exactly, as `2XX`, or as `default`). */
export function statusRule(r: Reading): Violation[] | null {
  const [first] = r.op.validateResponse(r.status, r.mediaType, undefined);
  if (first?.rule !== 'status') return [];
  return [
    {
      check: 'status',
      rule: 'status',
      message: `status ${r.status} is not documented: expected ${first.expected}`,
    },
  ];
}

/** The Content-Type is one the contract documents for the status. */
export function mediaTypeRule(r: Reading): Violation[] | null {
  if (r.format === 'none') return NOT_APPLICABLE;
  const [first] = r.op.validateResponse(r.status, r.mediaType, undefined);
  if (first?.rule !== 'mediaType') return [];
  return [
    {
      check: 'status',
      rule: 'mediaType',
      message: `content type ${first.actual} of a ${r.status} is not documented: expected ${first.expected}`,
      assumed: r.op.isAssumedStatus(r.status),
    },
  ];
}

/** The body keeps the schema: every Problem becomes a violation at its pointer. */
export function schemaRule(r: Reading, ctx: RuleContext): Violation[] | null {
  if (r.format === 'none' || r.format === 'other') return NOT_APPLICABLE;
  if (r.op.mediaTypes(r.status).length === 0) return NOT_APPLICABLE;
  if (r.unreadable) return [{ check: 'schema', rule: 'readable', message: r.unreadable }];
  const json = 'application/json';
  let problems: Problem[];
  let assumedAt: (pointer: string) => boolean;
  if (r.table) {
    // A status without a JSON representation documented has no row schema to hold csv rows to.
    if (!r.op.mediaTypes(r.status).some((m) => m.startsWith(json))) return NOT_APPLICABLE;
    const columns = ctx.exportView?.columns ?? [];
    problems = r.table.rows.flatMap((row, i) =>
      r.op.validateItem(r.status, json, r.format === 'csv' ? typeCsvRow(row, columns) : row, i),
    );
    assumedAt = r.op.assumedPointers(r.status, json);
  } else {
    problems = r.op.validateResponse(r.status, r.mediaType, r.json);
    assumedAt = r.op.assumedPointers(r.status, r.mediaType);
  }
  // status and mediaType problems are the other rules' to report
  return problems
    .filter((p) => p.rule !== 'status' && p.rule !== 'mediaType')
    .map((p) => ({
      check: 'schema',
      pointer: p.pointer,
      rule: p.rule,
      message: problemLine(p),
      ...(assumedAt(p.pointer) ? { assumed: true } : {}),
    }));
}

export const RESPONSE_RULES: ExchangeRule[] = [
  { name: 'status-documented', check: 'status', operations: '*', run: statusRule },
  { name: 'media-type-documented', check: 'status', operations: '*', run: mediaTypeRule },
  { name: 'schema', check: 'schema', operations: '*', run: schemaRule },
];
