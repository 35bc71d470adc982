import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Operation } from '../../../src/contract/index.ts';
import type { StatusLog } from '../../../src/world/types.ts';
import { KEY, PATH, USER_A, USER_B, USER_C, voipcubeApp, worldWith } from './app.ts';

const LOGS: StatusLog[] = [
  { status: 'Customer visit', userId: USER_A, time: '2023-07-19T12:58:19.282Z' },
  { status: 'Researching problem', userId: USER_A, time: '2023-07-19T13:11:22.600Z' },
  { status: 'Available', userId: USER_B, time: '2023-07-19T13:12:55.243Z' },
  { status: 'Lunch', userId: USER_C, time: '2023-07-19T13:12:55.243Z' },
  { status: '', userId: USER_B, time: '2023-07-19T13:24:04.569Z' },
  { status: 'Available', userId: USER_A, time: '2023-07-19T13:41:24.075Z' },
];
const app = voipcubeApp(worldWith(LOGS));
const DAY = 'from=2023-07-19&to=2023-07-20';

let operation: Operation;
beforeAll(async () => {
  operation = (await loadContract('voipcube')).operation('get', '/stats/user-statuses');
});

describe('VoIPcube answers keep contracts/voipcube.yaml', () => {
  it.each([
    [DAY, 6],
    ['from=2023-07-19T13:00:00Z&to=2023-07-19T15:30:00.000%2B02:00', 4],
    [`${DAY}&userIds[]=${USER_B}`, 2],
    [`${DAY}&userIds[]=${USER_A}&userIds[]=${USER_C}`, 4],
    [`${DAY}&userIds[]=00000000-0000-4000-8000-000000000000`, 0],
    [`${DAY}&page=2&size=4`, 2],
    [`${DAY}&page=abc&size=0`, 6],
    [`${DAY}&page=9`, 0],
  ])('a 200 body for %s (%i logs) validates', async (query, count) => {
    const res = await request(app).get(`${PATH}?${query}`).set('Key', KEY);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(count);
    expect(operation.validateResponse(200, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it.each([
    ['from=2023-07-19', 400],
    ['from=2023-07-19&to=nope', 400],
    ['from=2023-07-19&to=2024-07-20', 400],
    [`${DAY}&userIds=${USER_A}`, 400],
    [`${DAY}&userIds[]=x`, 400],
  ])('an error body for %s validates as status %i', async (query, status) => {
    const res = await request(app).get(`${PATH}?${query}`).set('Key', KEY);
    expect(res.status).toBe(status);
    expect(operation.validateResponse(status, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it('a 401 body validates', async () => {
    const res = await request(app).get(`${PATH}?${DAY}`);
    expect(res.status).toBe(401);
    expect(operation.validateResponse(401, res.headers['content-type']!, res.body)).toEqual([]);
  });

  it('would notice a body that breaks the contract', () => {
    const broken = [{ status: 'Available', userId: 'not-a-uuid', time: '2023-07-19T13:41:24.075Z' }];
    expect(operation.validateResponse(200, 'application/json', broken)).not.toEqual([]);
  });
});
