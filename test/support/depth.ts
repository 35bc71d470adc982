/**
 * How hard the property and hostile-input tests push. `npm test` runs a few hundred generated
 * cases per endpoint with fixed seeds: enough to find a crash or a wrong status in seconds.
 * `npm run test:deep` (STANDIN_DEEP=1) runs the long hunt the counts below name; a developer
 * chasing one bug sets STANDIN_FUZZ_RUNS to any count, which wins over both.
 */

/** True under `npm run test:deep` (STANDIN_DEEP=1). */
export const DEEP = process.env.STANDIN_DEEP === '1';

function runsOverride(): number | undefined {
  const raw = process.env.STANDIN_FUZZ_RUNS;
  if (raw === undefined || raw === '') return undefined;
  // A typo must not silently turn a hunt into zero runs: refuse it where it is read.
  if (!/^[1-9]\d{0,8}$/.test(raw)) {
    throw new Error(
      `STANDIN_FUZZ_RUNS must be a whole number from 1 to 999999999, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

/**
 * Generated cases for one property: `quick` in `npm test`, `deep` under test:deep, or
 * STANDIN_FUZZ_RUNS when set.
 * @example const RUNS = fuzzRuns({ quick: 300, deep: 3000 });
 */
export function fuzzRuns(counts: { quick: number; deep: number }): number {
  return runsOverride() ?? (DEEP ? counts.deep : counts.quick);
}
