import { apiError } from '../../src/http/errors.ts';
import { EXPORT_COLUMNS, type ExportColumn, type ExportRow } from '../../src/world/types.ts';
import type { Pseudonyms } from './pseudonyms.ts';
import type { PrivacyLevel } from './settings.ts';
import { PERSONAL_DATA_PERMISSION } from './token.ts';

/** The columns `pseudonymized` omits (the vendor doc: "Omitted when reportingPrivacyLevel is pseudonymized"). */
export const PSEUDONYMIZED_OMITS: readonly ExportColumn[] = [
  'ticketId',
  'conversationId',
  'userId',
  'email',
  'rawData',
];

/** The view of an export row a caller gets: which columns (in documented order) and whether `date` loses its time. */
export interface Projection {
  /** Stable name; caches are keyed by it. */
  id: 'full' | 'withoutEmail' | 'pseudonymized';
  columns: readonly ExportColumn[];
  dateOnly: boolean;
  /** `name` shows the user's pseudonym, not the real name (pseudonymized; assumed). */
  pseudonymName: boolean;
}

const without = (omit: readonly ExportColumn[]) => EXPORT_COLUMNS.filter((c) => !omit.includes(c));

const FULL: Projection = { id: 'full', columns: EXPORT_COLUMNS, dateOnly: false, pseudonymName: false };
const WITHOUT_EMAIL: Projection = {
  id: 'withoutEmail',
  columns: without(['email']),
  dateOnly: false,
  pseudonymName: false,
};
const PSEUDONYMIZED: Projection = {
  id: 'pseudonymized',
  columns: without(PSEUDONYMIZED_OMITS),
  dateOnly: true,
  pseudonymName: true,
};

/**
 * Chooses the projection for the backend's `reportingPrivacyLevel` and the caller's permissions:
 * `partiallyPseudonymized` hides `email` unless the caller holds `reportingPersonalData`.
 */
export function projectionFor(level: PrivacyLevel, permissions: readonly string[]): Projection {
  switch (level) {
    case 'none':
      return FULL;
    case 'partiallyPseudonymized':
      return permissions.includes(PERSONAL_DATA_PERMISSION) ? FULL : WITHOUT_EMAIL;
    case 'pseudonymized':
      return PSEUDONYMIZED;
  }
}

/**
 * Projects a row: omitted columns are absent (not null); keys follow the documented order; under
 * pseudonymized, `name` is the user's pseudonym (`pseudonyms` required then).
 */
export function projectRow(
  row: ExportRow,
  projection: Projection,
  pseudonyms?: Pseudonyms,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of projection.columns) out[column] = row[column];
  if (projection.dateOnly) out.date = dateOnly(row.date);
  if (projection.pseudonymName) {
    if (!pseudonyms) throw new Error('projectRow: a pseudonymized projection needs the pseudonyms');
    out.name = pseudonyms(row.userId);
  }
  return out;
}

/** `2024-05-10 14:52:37` → `2024-05-10`. */
export function dateOnly(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/**
 * Rejects ordering by a column the caller cannot see (assumed: the order would leak the hidden values).
 * @throws INVALID_PARAMETER naming orderByField
 */
export function assertSortable(projection: Projection, column: ExportColumn): void {
  if (!projection.columns.includes(column)) {
    throw apiError(
      'INVALID_PARAMETER',
      `orderByField ${column} is not available under the current reportingPrivacyLevel: the column is omitted, so it cannot order the result`,
      { parameter: 'orderByField' },
    );
  }
}
