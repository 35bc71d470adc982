/**
 * What the Enneo handler reads a generated world's records through (export rows by position,
 * ticket worklogs by ticket), the ids they start from, and the helpers that build them.
 */
import type { TicketFacts } from './ticket-facts.ts';
import type { ExportColumn, ExportRow, TicketWorklogEntry } from './types.ts';

/** Ids start here and follow creation order (tickets) or time order (worklog entries). */
export const FIRST_TICKET_ID = 10_001;
export const FIRST_CONVERSATION_ID = 200_001;
export const FIRST_WORKLOG_ID = 1;

/** A cell of an export row, as sort orders compare it. */
export type CellValue = string | number | null;

/** Export rows by position (row `n` has userWorklogId n + 1), built on demand. */
export interface ExportRowSource {
  readonly length: number;
  /** The row at position `at` (read-only). */
  row(at: number): ExportRow;
  /** Every row's value of `column`, in row order (a fresh array), without building the rows. */
  column(column: ExportColumn): CellValue[];
  /**
   * Optionally, non-negative integer keys that order the rows exactly as `column` (its date part
   * only, for `date` with `dateOnly`) and then userWorklogId would; undefined for a column without.
   */
  sortKeys?(column: ExportColumn, dateOnly: boolean): Float64Array | undefined;
}

/** A ticket's worklog entries, built on demand. */
export interface TicketWorklogSource {
  /** The ticket's entries in worklog-id order (fresh objects), or undefined for an unknown ticket. */
  entriesOf(ticketId: number): TicketWorklogEntry[] | undefined;
}

/**
 * Indices `[0, count)` ordered by a non-negative integer key, ties by index: key and index are
 * packed into one float each, so the sort is numeric, with no comparator calls. Undefined when a
 * key is too large to pack.
 */
export function packedOrder(count: number, key: (i: number) => number): Uint32Array | undefined {
  const scale = 2 ** Math.max(1, Math.ceil(Math.log2(count + 1)));
  const packed = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const value = key(i) * scale + i;
    if (!(value <= Number.MAX_SAFE_INTEGER)) return undefined;
    packed[i] = value;
  }
  packed.sort();
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = packed[i]! % scale;
  return order;
}

/** packedOrder, for the world's own keys (times since its start), which always fit. */
export function orderBy(count: number, key: (i: number) => number): Uint32Array {
  const order = packedOrder(count, key);
  if (order === undefined) throw new Error('world too large to order its Enneo records');
  return order;
}

/** The fields of a ticket's facts that are export cells. */
export type FactField = {
  [K in keyof TicketFacts]: TicketFacts[K] extends CellValue ? K : never;
}[keyof TicketFacts];

/** Export columns that are a field of the ticket's facts, by that field's name. */
export const FACT_FIELDS: Partial<Record<ExportColumn, FactField>> = {
  aiAgent: 'aiAgent',
  topic: 'topic',
  subTopic: 'subTopic',
  allTags: 'allTags',
  tags: 'tags',
  rawData: 'rawData',
  aiAgentsUsed: 'aiAgentsUsed',
  customerIdentifiedCorrectly: 'customerIdentified',
  tagsIdentifiedCorrectly: 'tagsIdentified',
  textAssistanceAccuracy: 'accuracy',
  netSecondsClosedAfterSLA: 'netSecondsClosedAfterSLA',
  closingDateForSLA: 'closingDateForSLA',
  pendingDueBy: 'pendingDueBy',
  pendingSeconds: 'pendingSeconds',
  netPendingSeconds: 'netPendingSeconds',
  firstPendingAt: 'firstPendingAt',
};
