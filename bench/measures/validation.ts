/**
 * Measurement 5: the contract suite's schema check (`validateItem` on the export operation, the
 * compiled ajv validator) over real export rows, in this process: rows per second.
 */
import { loadContract } from '../../src/contract/loader.ts';
import { generateWorld } from '../../src/world/index.ts';
import type { BenchContext } from '../lib/context.ts';
import { type Measurement, measurement } from '../lib/report.ts';

export const VALIDATION_MIN_ROWS = 100_000;
/** Validate for at least this long, so that the rate is not a timer's rounding. */
const MIN_MS = 1500;

/** Generates a world of ≥100,000 rows, validates every row until MIN_MS have passed. */
export async function measureValidation(ctx: BenchContext, rowsPerTicket: number): Promise<Measurement> {
  const tickets = Math.ceil((VALIDATION_MIN_ROWS / rowsPerTicket) * 1.05);
  ctx.log(`validation: generating ${tickets} tickets' worth of export rows…`);
  const rows = generateWorld({ size: { agents: 100, days: 420, tickets } }).enneo.exportRows;
  const operation = (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
  const check = (row: unknown) => operation.validateItem(200, 'application/json', row).length;

  // Warm-up: the validator is compiled at load; this lets V8 optimise the generated code.
  for (let i = 0; i < Math.min(rows.length, 10_000); i++) check(rows[i]);

  let validated = 0;
  let invalid = 0;
  const started = performance.now();
  let elapsed = 0;
  while (validated < VALIDATION_MIN_ROWS || elapsed < MIN_MS) {
    for (const row of rows) if (check(row) > 0) invalid++;
    validated += rows.length;
    elapsed = performance.now() - started;
  }
  const perSecond = validated / (elapsed / 1000);
  ctx.log(`validation: ${validated} rows in ${elapsed.toFixed(0)} ms`);
  return measurement({
    id: 'validation.export-rows',
    title: `Contract validation: validateItem on ${rows.length.toLocaleString('en-US')} export rows`,
    figures: { 'rows/s': perSecond, 'rows validated': validated },
    ratioLabel: 'rows/s',
    ratio: perSecond,
    target: { op: '>=', value: VALIDATION_MIN_ROWS },
    ...(invalid > 0
      ? { note: `${invalid} of ${validated} validations found problems: the world breaks its contract` }
      : {}),
  });
}
