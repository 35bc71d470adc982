/**
 * Privacy: per format, the expected level's omitted columns are absent (keys, not nulls), the
 * others present, `date` cut to a day where the level says so; a column that hangs on a permission
 * the suite cannot read is shown or hidden the same way in every format.
 */

import { tokenHasPermission } from './auth-tokens.ts';
import { ruleAssumed } from './contract-view.ts';
import type { FormatSample } from './format-sample.ts';
import { tableOf } from './format-sample.ts';
import { columnProblems, firstTimedCell, firstUntimedCell, levelsFitting, timedCellAt } from './privacy.ts';
import { type EnneoRun, EXPORT, type Row } from './run.ts';

/** Runs the privacy checks on the sample. */
export function privacyChecks(run: EnneoRun, sample: FormatSample): void {
  const { ctx, columns, level } = run;
  const documented = ruleAssumed(run.exportOp, 'privacy-levels');
  const views: [string, string[][] | undefined, Row[] | undefined][] = [
    ['json', sample.json?.map((r) => Object.keys(r)), sample.json],
    ['csv', headerOf(sample, 'csv'), tableOf(sample.csv)?.rows],
    ['xlsx', headerOf(sample, 'xlsx'), tableOf(sample.xlsx)?.rows],
  ];
  for (const [format, keySets, rows] of views) {
    if (!keySets || !rows) {
      ctx.skip(
        'privacy',
        EXPORT,
        `${format}: the ${level} level's columns`,
        `no readable ${format} export to look at`,
      );
      continue;
    }
    if (rows.length === 0 && format === 'json') {
      ctx.skip('privacy', EXPORT, `json: the ${level} level's columns`, 'the export has no rows');
      continue;
    }
    const bad = keySets
      .map((keys, i) => [i, columnProblems(keys, columns)] as const)
      .find(([, p]) => p.length > 0);
    ctx.expect(
      'privacy',
      EXPORT,
      `${format}: the ${level} level's columns (omitted absent, kept present)`,
      !bad,
      {
        message: bad ? `${format === 'json' ? `row ${bad[0]}` : 'the header'} ${bad[1].join('; ')}` : '',
        assumed: documented,
      },
    );
    if (columns.dateOnly.length) {
      const timed = firstTimedCell(rows, columns.dateOnly);
      ctx.expect(
        'privacy',
        EXPORT,
        `${format}: only the date is left in ${columns.dateOnly.join(', ')}`,
        !timed,
        {
          message: timed ?? '',
          assumed: documented,
        },
      );
    }
    if (columns.timed.length) {
      const untimed = firstUntimedCell(rows, columns.timed);
      ctx.expect(
        'privacy',
        EXPORT,
        `${format}: the time is kept in ${columns.timed.join(', ')} at the ${level} level`,
        !untimed,
        {
          message: untimed ?? '',
          assumed: ruleAssumed(run.exportOp, 'timestamps-space'),
        },
      );
    }
  }

  hintOtherLevel(run, sample.json);

  for (const column of columns.uncertain) {
    const seen = views
      .filter(([, keySets]) => keySets && keySets.length > 0)
      .map(([format, keySets]) => {
        const shown = keySets!.filter((keys) => keys.includes(column)).length;
        return { format, state: shown === 0 ? 'absent' : shown === keySets!.length ? 'present' : 'mixed' };
      });
    const states = new Set(seen.map((s) => s.state));
    ctx.expect(
      'privacy',
      EXPORT,
      `${column} (which hangs on a permission the credentials do not show) is ${[...states].join('/')} in every format alike`,
      states.size <= 1 && !states.has('mixed'),
      { message: seen.map((s) => `${s.format}: ${s.state}`).join(', '), assumed: documented },
    );
  }
}

/** A table's header as the one key set of its format (the header names every row's columns). */
function headerOf(sample: FormatSample, format: 'csv' | 'xlsx'): string[][] | undefined {
  const table = tableOf(sample[format]);
  return table ? [table.header] : undefined;
}

/**
 * When the JSON rows break the expected level but fit another level exactly, says which: the
 * usual cause is a server set to another reportingPrivacyLevel, not a broken server.
 */
function hintOtherLevel(run: EnneoRun, rows: Row[] | undefined): void {
  if (!rows?.length) return;
  const keySets = rows.map((r) => Object.keys(r));
  if (
    keySets.every((keys) => columnProblems(keys, run.columns).length === 0) &&
    !timedCellAt(rows, run.columns.dateOnly)
  )
    return;
  const token = run.ctx.target.credentials.token;
  const [level] = levelsFitting(run.view, run.level, keySets, rows, (p) =>
    token ? tokenHasPermission(token, p) : undefined,
  );
  if (level)
    run.ctx.hint(
      `the export's columns are those of reportingPrivacyLevel ${level}: if the server runs with it, pass --expect-privacy ${level}`,
    );
}
