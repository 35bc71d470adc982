/** Scenarios through the server (issue 18 item 3): state across requests, WireMock's model. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const app = () => createApp({ world: smallWorld() });
type App = ReturnType<typeof app>;
const stub = (a: App, body: object) => request(a).post('/__standin/stubs').send(body).expect(201);
const voipcube = (a: App) => request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key);
const scenarios = async (a: App) => (await request(a).get('/__standin/scenarios').expect(200)).body;

/** "First call 503, second call 200 with these rows". */
async function flaky(a: App): Promise<void> {
  await stub(a, {
    vendor: 'voipcube',
    path: '/stats/user-statuses',
    scenario: 'flaky',
    requiredState: 'Started',
    newState: 'recovered',
    response: { status: 503, body: { message: 'try later' } },
  });
  await stub(a, {
    vendor: 'voipcube',
    path: '/stats/user-statuses',
    scenario: 'flaky',
    requiredState: 'recovered',
    response: { status: 200, body: ['fine'] },
  });
}

describe('scenarios', () => {
  it('first call 503, second and later calls 200', async () => {
    const a = app();
    await flaky(a);
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'Started' }] });
    expect((await voipcube(a)).status).toBe(503);
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'recovered' }] });
    const second = await voipcube(a).expect(200);
    expect(second.body).toEqual(['fine']);
    expect((await voipcube(a).expect(200)).body).toEqual(['fine']);
  });

  it('a refused (unauthenticated) request does not move the scenario on', async () => {
    const a = app();
    await flaky(a);
    await request(a).get(VOIPCUBE_OK).expect(401);
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'Started' }] });
  });

  it('PUT /__standin/scenarios/<name> sets the state; POST /__standin/scenarios/reset returns all to Started', async () => {
    const a = app();
    await flaky(a);
    const put = await request(a).put('/__standin/scenarios/flaky').send({ state: 'recovered' }).expect(200);
    expect(put.body).toEqual({ name: 'flaky', state: 'recovered' });
    expect((await voipcube(a).expect(200)).body).toEqual(['fine']);
    await request(a).post('/__standin/scenarios/reset').expect(204);
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'Started' }] });
    expect((await voipcube(a)).status).toBe(503);
  });

  it('a state no stub requires answers from the world', async () => {
    const a = app();
    await flaky(a);
    await request(a).put('/__standin/scenarios/flaky').send({ state: 'elsewhere' }).expect(200);
    const res = await voipcube(a).expect(200);
    expect(res.headers['standin-stubbed']).toBeUndefined();
  });

  it('refuses an unknown scenario (404) and a bad state (400 naming state)', async () => {
    const a = app();
    await flaky(a);
    const unknown = await request(a).put('/__standin/scenarios/nope').send({ state: 'x' }).expect(404);
    expect(unknown.body).toEqual({
      code: 'NOT_FOUND',
      message: 'no scenario "nope"; a scenario exists while a stub names it (now: flaky)',
    });
    const bad = await request(a).put('/__standin/scenarios/flaky').send({ state: '' }).expect(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_PARAMETER', field: 'state' });
    const extra = await request(a)
      .put('/__standin/scenarios/flaky')
      .send({ state: 'a', other: 1 })
      .expect(400);
    expect(extra.body).toMatchObject({ field: 'other' });
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'Started' }] });
  });

  it('reset removes stubs and their scenarios; removing the last stub of a scenario forgets it', async () => {
    const a = app();
    await flaky(a);
    await request(a).post('/__standin/reset').expect(204);
    expect(await scenarios(a)).toEqual({ scenarios: [] });
    await flaky(a);
    await request(a).delete('/__standin/stubs/stub-3').expect(204);
    expect(await scenarios(a)).toEqual({ scenarios: [{ name: 'flaky', state: 'Started' }] });
    await request(a).delete('/__standin/stubs/stub-4').expect(204);
    expect(await scenarios(a)).toEqual({ scenarios: [] });
  });

  it('requiredState or newState without a scenario is a 400 naming scenario', async () => {
    const res = await request(app())
      .post('/__standin/stubs')
      .send({ vendor: 'voipcube', path: '/x', newState: 'b', response: { status: 200 } })
      .expect(400);
    expect(res.body).toEqual({
      code: 'INVALID_PARAMETER',
      message: 'requiredState and newState need a scenario',
      field: 'scenario',
    });
  });
});
