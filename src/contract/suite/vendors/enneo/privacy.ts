/**
 * The columns a privacy level shows, from the contract's `x-standin-privacy`, and how a set of
 * seen columns measures up. Pure.
 */
import type { PrivacyExpectation } from '../../types.ts';
import type { ExportView } from './contract-view.ts';

/** What one level, for one caller, promises about the columns. */
export interface ColumnExpectation {
  /** Columns that must be present, in documented order (the uncertain ones left out). */
  kept: string[];
  /** Columns that must be absent (keys omitted, not null). */
  omitted: string[];
  /** Columns whose presence hangs on a permission the suite could not read from the credentials. */
  uncertain: string[];
  /** Columns cut to `YYYY-MM-DD`. */
  dateOnly: string[];
  /** Columns that some other level cuts to a date, so here they keep their time. */
  timed: string[];
}

/**
 * The expectation for `level` and a caller whose permissions are known (`true`/`false`) or not
 * (`undefined`).
 * @throws Error when the contract does not describe the level.
 */
export function expectColumns(
  view: ExportView,
  level: PrivacyExpectation,
  hasPermission: (permission: string) => boolean | undefined,
): ColumnExpectation {
  const rule = view.privacy[level];
  if (!rule) throw new Error(`the contract's x-standin-privacy has no level ${level}`);
  const omitted = new Set(rule.omit);
  const uncertain = new Set<string>();
  for (const [column, permission] of Object.entries(rule.omitUnlessPermission)) {
    const granted = hasPermission(permission);
    if (granted === undefined) uncertain.add(column);
    else if (!granted) omitted.add(column);
  }
  const names = view.columns.map((c) => c.name);
  const everDateOnly = new Set(Object.values(view.privacy).flatMap((r) => r?.dateOnly ?? []));
  return {
    kept: names.filter((n) => !omitted.has(n) && !uncertain.has(n)),
    omitted: names.filter((n) => omitted.has(n)),
    uncertain: names.filter((n) => uncertain.has(n) && !omitted.has(n)),
    dateOnly: rule.dateOnly,
    timed: [...everDateOnly].filter((n) => !rule.dateOnly.includes(n) && !omitted.has(n)),
  };
}

/**
 * The columns, in documented order, that a representation should show given which uncertain
 * columns it was seen to carry.
 */
export function expectedHeader(
  view: ExportView,
  expectation: ColumnExpectation,
  shown: ReadonlySet<string>,
): string[] {
  const kept = new Set(expectation.kept);
  return view.columns
    .map((c) => c.name)
    .filter((n) => kept.has(n) || (expectation.uncertain.includes(n) && shown.has(n)));
}

/** How one set of columns breaks the expectation: omitted ones present, kept ones missing. */
export function columnBreaks(
  seen: Iterable<string>,
  expectation: ColumnExpectation,
): { leaked: string[]; missing: string[] } {
  const set = new Set(seen);
  return {
    leaked: expectation.omitted.filter((c) => set.has(c)),
    missing: expectation.kept.filter((c) => !set.has(c)),
  };
}

/** Problems of one set of columns against the expectation: omitted ones present, kept ones missing. */
export function columnProblems(seen: Iterable<string>, expectation: ColumnExpectation): string[] {
  const problems: string[] = [];
  const { leaked, missing } = columnBreaks(seen, expectation);
  if (leaked.length) problems.push(`carries ${leaked.join(', ')}, which the level omits`);
  if (missing.length) problems.push(`lacks ${missing.join(', ')}, which the level keeps`);
  return problems;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/;

/** The first cell of a date-only column that still has a time; undefined when none. */
export function timedCellAt(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): { row: number; column: string; value: unknown } | undefined {
  for (const [i, row] of rows.entries()) {
    for (const column of columns) {
      const value = row[column];
      if (value !== null && value !== undefined && !(typeof value === 'string' && DATE_ONLY.test(value))) {
        return { row: i, column, value };
      }
    }
  }
  return undefined;
}

/** The first cell of a date-only column that still has a time, described; undefined when none. */
export function firstTimedCell(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string | undefined {
  const at = timedCellAt(rows, columns);
  return at && `row ${at.row}: ${at.column} is ${JSON.stringify(at.value)}, not YYYY-MM-DD`;
}

/**
 * The levels other than `level` whose columns (and date-only cells) the rows fit: a server set to
 * another reportingPrivacyLevel than expected is the likeliest cause of a privacy failure.
 */
export function levelsFitting(
  view: ExportView,
  level: PrivacyExpectation,
  keySets: readonly (readonly string[])[],
  rows: readonly Record<string, unknown>[],
  hasPermission: (permission: string) => boolean | undefined,
): PrivacyExpectation[] {
  return (Object.keys(view.privacy) as PrivacyExpectation[]).filter((other) => {
    if (other === level) return false;
    const columns = expectColumns(view, other, hasPermission);
    return (
      keySets.every((keys) => columnProblems(keys, columns).length === 0) &&
      !timedCellAt(rows, columns.dateOnly)
    );
  });
}

/** The first cell of a timestamp column that lost its time, described; undefined when none. */
export function firstUntimedCell(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
): string | undefined {
  for (const [i, row] of rows.entries()) {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'string' && !WITH_TIME.test(value)) {
        return `row ${i}: ${column} is ${JSON.stringify(value)}, without its time`;
      }
    }
  }
  return undefined;
}
