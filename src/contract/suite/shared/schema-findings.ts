/**
 * Schema problems as findings, written once for JSON bodies and for csv/xlsx rows: problems in
 * firm parts of the contract fail; problems inside `x-standin-assumed` parts only warn (unless
 * strict), as their own finding.
 */
import type { Problem } from '../../problems.ts';
import type { CheckContext, EndpointRef } from '../types.ts';

/** One problem as a report line: `/0/duration: type — expected integer, got "12"`. */
export const problemLine = (p: Problem) =>
  `${p.pointer || '/'}: ${p.rule} — expected ${p.expected}, got ${p.actual}`;

/** Problems split by whether their pointer lies in an assumed part of the schema. */
export function splitProblems(
  problems: readonly Problem[],
  isAssumed: (pointer: string) => boolean,
): { firm: Problem[]; assumed: Problem[] } {
  const firm: Problem[] = [];
  const assumed: Problem[] = [];
  for (const p of problems) (isAssumed(p.pointer) ? assumed : firm).push(p);
  return { firm, assumed };
}

/**
 * Records `title` (firm problems) and, when there are any, `<assumedTitle>` (assumed problems).
 * @param what how the message counts the problems, e.g. `in 20 csv rows`.
 */
export function expectSchema(
  ctx: CheckContext,
  endpoint: EndpointRef,
  titles: { firm: string; assumed: string },
  problems: readonly Problem[],
  isAssumed: (pointer: string) => boolean,
  more: { what?: string; request?: string } = {},
): void {
  const { firm, assumed } = splitProblems(problems, isAssumed);
  expectSchemaLines(
    ctx,
    endpoint,
    titles,
    { firm: firm.map(problemLine), assumed: assumed.map(problemLine) },
    more,
  );
}

/** As expectSchema, with the problems already split and written as lines. */
export function expectSchemaLines(
  ctx: CheckContext,
  endpoint: EndpointRef,
  titles: { firm: string; assumed: string },
  lines: { firm: readonly string[]; assumed: readonly string[] },
  more: { what?: string; request?: string } = {},
): void {
  const { firm, assumed } = lines;
  const where = more.what ? ` ${more.what}` : '';
  ctx.expect('schema', endpoint, titles.firm, firm.length === 0, {
    message: `${firm.length} schema problem(s)${where}`,
    details: [...firm],
    ...(more.request ? { request: more.request } : {}),
  });
  if (assumed.length > 0) {
    ctx.expect('schema', endpoint, titles.assumed, false, {
      message: `${assumed.length} schema problem(s) in assumed parts`,
      details: [...assumed],
      assumed: true,
      ...(more.request ? { request: more.request } : {}),
    });
  }
}
