/**
 * Stubs, overrides and scenarios as typed methods in-process (issue 18 item 8): through the fetch
 * handler's `controls` and through MSW's, with the same answers as over HTTP.
 */
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { ControlError } from '../../src/core/control-error.ts';
import { createFetchHandler } from '../../src/fetch.ts';
import { createHandlers } from '../../src/msw.ts';
import { DEV, smallWorld } from './helpers.ts';

const STATUSES = '/stats/user-statuses?from=2025-09-01&to=2025-09-02';
const USER = '1b4e28ba-2ca1-4a5e-9b1c-2f1d3c4b5a69';

describe('stubs through the fetch handler', () => {
  it('controls.addStub answers the next request; the scenario moves on; removeStub ends it', async () => {
    const handle = createFetchHandler({ world: smallWorld() });
    const get = () =>
      handle(new Request(`http://standin.test/voipcube${STATUSES}`, { headers: { Key: DEV.voipcube.key } }));
    const first = await handle.controls.addStub({
      vendor: 'voipcube',
      path: '/stats/user-statuses',
      scenario: 'once',
      requiredState: 'Started',
      newState: 'done',
      response: { status: 503, body: { message: 'down' } },
    });
    expect(first).toMatchObject({ id: 'stub-1', answered: 0, scenario: 'once' });
    const res = await get();
    expect([res.status, res.headers.get('standin-stubbed'), await res.json()]).toEqual([
      503,
      'stub-1',
      { message: 'down' },
    ]);
    expect(await handle.controls.listScenarios()).toEqual([{ name: 'once', state: 'done' }]);
    expect((await get()).headers.get('standin-stubbed')).toBeNull();
    await handle.controls.setScenarioState('once', 'Started');
    expect((await get()).status).toBe(503);
    expect(await handle.controls.removeStub('stub-1')).toBe(true);
    expect(await handle.controls.listStubs()).toEqual([]);
    const journal = await handle.controls.listRequests();
    expect(journal.map((e) => e.stubbed ?? null)).toEqual(['stub-1', null, 'stub-1']);
  });

  it('refuses bad input with a ControlError naming the field, changing nothing', async () => {
    const handle = createFetchHandler({ world: smallWorld() });
    const attempt = handle.controls.addStub({
      vendor: 'voipcube',
      path: '/stats/user-statuses',
      query: { from: { matches: '(a+)+$' } },
      response: { status: 200 },
    });
    await expect(attempt).rejects.toBeInstanceOf(ControlError);
    await expect(attempt).rejects.toMatchObject({ field: 'query.from', status: 400 });
    await expect(
      handle.controls.addStub({
        vendor: 'voipcube',
        dataset: 'userStatuses',
        rows: [{ status: 1, userId: USER, time: '2025-09-01T09:00:00.000Z' }],
      }),
    ).rejects.toMatchObject({ field: 'rows[0].status' });
    expect(await handle.controls.listStubs()).toEqual([]);
  });
});

describe('stubs through MSW', () => {
  it('a data override serves its rows at the vendor’s real URL', async () => {
    const { handlers, controls } = createHandlers({ world: smallWorld() });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const row = { status: 'Gone fishing', userId: USER, time: '2025-09-01T09:00:00.000Z' };
      await controls.addStub({ vendor: 'voipcube', dataset: 'userStatuses', rows: [row] });
      const res = await fetch(`https://customer.voipcube.nl${STATUSES}`, {
        headers: { Key: DEV.voipcube.key },
      });
      expect([res.status, await res.json()]).toEqual([200, [row]]);
      await controls.reset();
      const world = await fetch(`https://customer.voipcube.nl${STATUSES}`, {
        headers: { Key: DEV.voipcube.key },
      });
      expect(((await world.json()) as unknown[]).length).toBeGreaterThan(1);
    } finally {
      server.close();
    }
  });
});
