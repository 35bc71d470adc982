import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../../src/contract/index.ts';
import { generateWorld } from '../../../src/world/index.ts';
import type { StatusLog } from '../../../src/world/types.ts';
import { KEY, PATH, voipcubeApp } from './app.ts';

// A year and more of statuses (the default world spans six weeks); VoIPcube needs no tickets.
const world = generateWorld({ seed: 42, anchor: '2025-09-30', size: { days: 420, tickets: 0 } });
const app = voipcubeApp(world);
const LOGS = world.voipcube.statusLogs;
// Exactly one calendar year, ending as the anchor day ends.
const YEAR = { from: '2024-10-01', to: '2025-10-01' };

const inPeriod = (from: string, to: string, users?: string[]) =>
  LOGS.filter((l) => {
    const t = Date.parse(l.time);
    return t >= Date.parse(from) && t <= Date.parse(to) && (!users || users.includes(l.userId));
  });
const get = (query: string) => request(app).get(`${PATH}?${query}`).set('Key', KEY);

describe('VoIPcube over the seeded world', () => {
  let validate: (body: unknown) => unknown[];
  beforeAll(async () => {
    const op = (await loadContract('voipcube')).operation('get', '/stats/user-statuses');
    validate = (body) => op.validateResponse(200, 'application/json', body);
  });

  it('serves one year of every user, as the world holds it, in canonical order', async () => {
    const res = await get(`from=${YEAR.from}&to=${YEAR.to}`);
    const expected = inPeriod(YEAR.from, YEAR.to);
    expect(expected.length).toBeGreaterThan(10_000);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expected);
    const body = res.body as StatusLog[];
    const outOfOrder = body.findIndex(
      (b, i) =>
        i > 0 &&
        !(body[i - 1]!.time < b.time || (body[i - 1]!.time === b.time && body[i - 1]!.userId <= b.userId)),
    );
    expect(outOfOrder).toBe(-1);
    expect(validate(res.body)).toEqual([]);
  });

  it('serves only the asked users, including one whose logs are all outside the period', async () => {
    const ids = world.people.flatMap((p) => (p.voipcube ? [p.voipcube.userId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const two = ids.slice(0, 2);
    const res = await get(
      `from=2025-09-01&to=2025-09-30T23:59:59.999Z&${two.map((id) => `userIds[]=${id}`).join('&')}`,
    );
    const expected = inPeriod('2025-09-01', '2025-09-30T23:59:59.999Z', two);
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body).toEqual(expected);
    expect(validate(res.body)).toEqual([]);
  });

  it('walking pages of 500 gives the same logs as one unpaginated answer', async () => {
    const period = 'from=2025-06-01T00:00:00%2B02:00&to=2025-09-01T00:00:00%2B02:00';
    const whole = (await get(period)).body as StatusLog[];
    expect(whole).toEqual(inPeriod('2025-05-31T22:00:00Z', '2025-08-31T22:00:00Z'));
    const walked: StatusLog[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`${period}&page=${page}&size=500`);
      expect(validate(res.body)).toEqual([]);
      if (res.body.length === 0) break;
      expect(res.body.length).toBeLessThanOrEqual(500);
      walked.push(...res.body);
    }
    expect(walked).toEqual(whole);
  });

  it('keeps cleared statuses as ""', async () => {
    const res = await get(`from=${YEAR.from}&to=${YEAR.to}`);
    const cleared = (res.body as StatusLog[]).filter((l) => l.status === '');
    expect(cleared.length).toBe(inPeriod(YEAR.from, YEAR.to).filter((l) => l.status === '').length);
    expect(cleared.length).toBeGreaterThan(0);
  });
});
