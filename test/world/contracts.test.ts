import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.ts';
import { fixtureChecks } from '../../src/world/fixture-check.ts';
import { sharedWorld } from '../support/worlds.ts';

/** `record n: message` of every problem, for a readable failure. */
function problemsOf<T>(records: readonly T[], check: (record: T) => { message: string }[]): string[] {
  const out: string[] = [];
  records.forEach((record, index) => {
    for (const problem of check(record)) out.push(`record ${index}: ${problem.message}`);
  });
  return out.slice(0, 20);
}

describe.each([
  ['the default world', {}],
  [
    'seed 7 anchored on a Sunday',
    { seed: 7, anchor: '2026-02-15', size: { agents: 6, days: 120, tickets: 400 } },
  ],
  [
    'seed 2024 with many tickets',
    { seed: 2024, anchor: '2025-01-01', size: { agents: 20, days: 60, tickets: 3_000 } },
  ],
])('every record of %s keeps the contracts', (_, options) => {
  // Built when the first test of the world runs (not while vitest collects), once for all four.
  const world = () => sharedWorld(options);

  it('export rows validate as items of Enneo GET /export/reporting_worklog 200 application/json', async () => {
    const op = (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
    expect(world().enneo.exportRows.length).toBeGreaterThan(0);
    expect(
      problemsOf(world().enneo.exportRows, (r) => op.validateItem('200', 'application/json', r)),
    ).toEqual([]);
  });

  it('ticket worklog entries validate as items of Enneo GET /ticket/{ticketId}/worklog 200', async () => {
    const op = (await loadContract('enneo')).operation('get', '/ticket/{ticketId}/worklog');
    expect(
      problemsOf(world().enneo.ticketWorklogs, (e) => op.validateItem('200', 'application/json', e)),
    ).toEqual([]);
  });

  it('status logs validate as items of VoIPcube GET /stats/user-statuses 200', async () => {
    const op = (await loadContract('voipcube')).operation('get', '/stats/user-statuses');
    expect(
      problemsOf(world().voipcube.statusLogs, (l) => op.validateItem('200', 'application/json', l)),
    ).toEqual([]);
  });

  it('people, meta and sessions keep the fixture schemas', async () => {
    const checks = await fixtureChecks();
    expect(problemsOf(world().people, checks.people)).toEqual([]);
    expect(checks.meta(world().meta)).toEqual([]);
    expect(problemsOf(world().autozod.sessions, checks.sessions)).toEqual([]);
  });
});
