import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { StatusLog } from '../../../src/world/types.ts';
import { KEY, PATH, USER_A, USER_B, USER_C, voipcubeApp, worldWith } from './app.ts';

const USERS = [USER_A, USER_B, USER_C];
const START = Date.parse('2024-03-01T08:00:00.000Z');

/** 60 logs one minute apart from 08:00; log i has status `S<i>` and belongs to USERS[i % 3]. */
const SEQUENCE: StatusLog[] = Array.from({ length: 60 }, (_, i) => ({
  status: `S${i}`,
  userId: USERS[i % 3]!,
  time: new Date(START + i * 60_000).toISOString(),
}));

const app = voipcubeApp(worldWith(SEQUENCE));
const DAY = 'from=2024-03-01&to=2024-03-02';

const get = (query: string) => request(app).get(`${PATH}?${query}`).set('Key', KEY);
const statuses = (body: StatusLog[]) => body.map((l) => l.status);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `S${from + i}`);

describe('GET /voipcube/stats/user-statuses', () => {
  describe('authentication', () => {
    it('refuses a request without Key with 401 and a JSON message', async () => {
      const res = await request(app).get(`${PATH}?${DAY}`);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({
        message: 'the API key is missing: send it in the Key header',
        code: 'UNAUTHENTICATED',
      });
    });

    it('refuses an unknown key with 401', async () => {
      const res = await request(app).get(`${PATH}?${DAY}`).set('Key', 'not-the-key');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        message: 'the API key in the Key header is not valid',
        code: 'UNAUTHENTICATED',
      });
    });

    it.each(['Key', 'key', 'KEY', 'kEY'])('accepts the key in a header named %s', async (name) => {
      const res = await request(app).get(`${PATH}?${DAY}`).set(name, KEY);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(60);
    });

    it('checks the key before the parameters', async () => {
      const res = await request(app).get(PATH);
      expect(res.status).toBe(401);
    });
  });

  describe('response', () => {
    it('answers application/json with every log of the period, in order', async () => {
      const res = await get(DAY);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual(SEQUENCE);
      expect(Object.keys(res.body[0])).toEqual(['status', 'userId', 'time']);
    });

    it('answers [] for a period without logs', async () => {
      const res = await get('from=2023-01-01&to=2023-12-31');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });

    it('orders by time ascending and same-time logs by userId', async () => {
      const tied: StatusLog[] = [
        { status: 'late', userId: USER_A, time: '2023-07-19T13:41:24.075Z' },
        { status: 'c', userId: USER_C, time: '2023-07-19T13:12:55.243Z' },
        { status: 'a', userId: USER_A, time: '2023-07-19T13:12:55.243Z' },
        { status: '', userId: USER_B, time: '2023-07-19T13:12:55.243Z' },
        { status: 'early', userId: USER_C, time: '2023-07-19T12:58:19.282Z' },
      ];
      const res = await request(voipcubeApp(worldWith(tied)))
        .get(`${PATH}?from=2023-07-19&to=2023-07-20`)
        .set('Key', KEY);
      expect(res.body.map((l: StatusLog) => l.status)).toEqual(['early', 'a', '', 'c', 'late']);
      expect(res.body[2]).toEqual({ status: '', userId: USER_B, time: '2023-07-19T13:12:55.243Z' });
    });

    it('answers HEAD with the headers only', async () => {
      const res = await request(app).head(`${PATH}?${DAY}`).set('Key', KEY);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.text).toBeUndefined();
    });

    it('refuses other methods with 405 and Allow', async () => {
      const res = await request(app).post(`${PATH}?${DAY}`).set('Key', KEY);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.body).toEqual({
        message: 'POST is not allowed on /stats/user-statuses; use GET',
        code: 'METHOD_NOT_ALLOWED',
      });
    });
  });

  describe('from and to', () => {
    it.each([
      ['to=2024-03-02', 'MISSING_PARAMETER', 'from'],
      ['from=2024-03-01', 'MISSING_PARAMETER', 'to'],
      ['from=&to=2024-03-02', 'MISSING_PARAMETER', 'from'],
      ['from=2024-03-01&to=tomorrow', 'INVALID_PARAMETER', 'to'],
      ['from=2024-02-30&to=2024-03-02', 'INVALID_PARAMETER', 'from'],
      ['from=2024-03-01T08:00:00&to=2024-03-02', 'INVALID_PARAMETER', 'from'],
      ['from=2024-03-01&from=2024-03-02&to=2024-03-02', 'INVALID_PARAMETER', 'from'],
    ])('refuses %s with 400 %s naming %s', async (query, code, parameter) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code, parameter });
      expect(res.body.message).toMatch(new RegExp(`^${parameter}`));
    });

    it('says a repeated from may be given only once', async () => {
      const res = await get('from=2024-03-01&from=2024-03-02&to=2024-03-02');
      expect(res.body).toEqual({
        message: 'from must be given at most once',
        code: 'INVALID_PARAMETER',
        parameter: 'from',
      });
    });

    it('refuses to before from with 400', async () => {
      const res = await get('from=2024-03-02&to=2024-03-01T23:59:59Z');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'to (2024-03-01T23:59:59Z) must not be before from (2024-03-02)',
        code: 'INVALID_PARAMETER',
        parameter: 'to',
      });
    });

    it('serves exactly one year with dates alone, and refuses one second more', async () => {
      expect((await get('from=2023-03-01&to=2024-03-01T00:00:00Z')).status).toBe(200);
      const res = await get('from=2023-03-01&to=2024-03-01T00:00:01Z');
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message:
          'the period from 2023-03-01 to 2024-03-01T00:00:01Z is longer than one year, the maximum the API serves: to must be at most 2024-03-01T00:00:00.000Z',
        code: 'PERIOD_TOO_LONG',
        parameter: 'to',
      });
      expect((await get('from=2023-03-01&to=2024-03-01')).status).toBe(200);
      expect((await get('from=2023-03-01&to=2024-03-02')).body.code).toBe('PERIOD_TOO_LONG');
    });

    it('serves exactly one year with date-times, and refuses one second more', async () => {
      const ok = await get('from=2023-03-01T08:30:00.000Z&to=2024-03-01T08:30:00.000Z');
      expect(ok.status).toBe(200);
      expect(statuses(ok.body)).toEqual(range(0, 30));
      const tooLong = await get('from=2023-03-01T08:30:00Z&to=2024-03-01T08:30:01Z');
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.code).toBe('PERIOD_TOO_LONG');
    });

    it('reads a date alone as 00:00:00 UTC, so to=<day> ends as that day begins', async () => {
      expect((await get('from=2024-02-29&to=2024-03-01')).body).toEqual([]);
      expect(statuses((await get('from=2024-03-01&to=2024-03-01T08:02:00Z')).body)).toEqual([
        'S0',
        'S1',
        'S2',
      ]);
    });

    it('includes a log exactly at from and one exactly at to', async () => {
      const res = await get('from=2024-03-01T08:10:00Z&to=2024-03-01T08:20:00.000Z');
      expect(statuses(res.body)).toEqual(range(10, 20));
      const inside = await get('from=2024-03-01T08:10:00.001Z&to=2024-03-01T08:19:59.999Z');
      expect(statuses(inside.body)).toEqual(range(11, 19));
    });

    it('honours offsets', async () => {
      const res = await get(
        `from=${encodeURIComponent('2024-03-01T10:10:00+02:00')}&to=${encodeURIComponent('2024-03-01T03:20:00.000-05:00')}`,
      );
      expect(res.status).toBe(200);
      expect(statuses(res.body)).toEqual(range(10, 20));
    });

    it('reads an unencoded + in an offset as a space and refuses it', async () => {
      const res = await get('from=2024-03-01T10:10:00+02:00&to=2024-03-02');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', parameter: 'from' });
      expect(res.body.message).toMatch(/^from "2024-03-01T10:10:00 02:00" is not a valid date/);
    });
  });

  describe('userIds[]', () => {
    it('serves one user', async () => {
      const res = await get(`${DAY}&userIds[]=${USER_A}`);
      expect(res.body).toHaveLength(20);
      expect(res.body.every((l: StatusLog) => l.userId === USER_A)).toBe(true);
      expect(res.body[0].status).toBe('S0');
      expect(res.body[19].status).toBe('S57');
    });

    it('serves two users, interleaved by time', async () => {
      const res = await get(`${DAY}&userIds[]=${USER_C}&userIds[]=${USER_A}`);
      expect(res.body).toHaveLength(40);
      expect(statuses(res.body).slice(0, 4)).toEqual(['S0', 'S2', 'S3', 'S5']);
      expect(res.body[39].status).toBe('S59');
    });

    it('accepts upper-case ids and a repeated id', async () => {
      const res = await get(`${DAY}&userIds[]=${USER_B.toUpperCase()}&userIds[]=${USER_B}`);
      expect(res.body).toHaveLength(20);
      expect(res.body[0]).toEqual(SEQUENCE[1]);
    });

    it('answers [] for a valid id without logs, and it adds nothing beside a known one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await get(`${DAY}&userIds[]=${unknown}`)).body).toEqual([]);
      expect((await get(`${DAY}&userIds[]=${unknown}&userIds[]=${USER_B}`)).body).toHaveLength(20);
    });

    it('refuses a value that is not a UUID with 400', async () => {
      const res = await get(`${DAY}&userIds[]=${USER_A}&userIds[]=42`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'userIds[] "42" is not a UUID',
        code: 'INVALID_PARAMETER',
        parameter: 'userIds[]',
      });
    });

    it('refuses a plain userIds with 400 explaining the array form', async () => {
      const res = await get(`${DAY}&userIds=${USER_A}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message:
          'userIds is not accepted: userIds must be given as an array, one userIds[] per id, e.g. userIds[]=1d0abaa0-f0f8-42b3-b0f5-d755d33cf3fd&userIds[]=ebd1a29a-8980-404c-9def-cd54865abdc1',
        code: 'INVALID_PARAMETER',
        parameter: 'userIds',
      });
    });

    it('accepts percent-encoded brackets', async () => {
      const res = await get(`${DAY}&userIds%5B%5D=${USER_A}`);
      expect(res.body).toHaveLength(20);
    });

    it('pages a filtered answer', async () => {
      const res = await get(`${DAY}&userIds[]=${USER_A}&page=2&size=5`);
      expect(statuses(res.body)).toEqual(['S15', 'S18', 'S21', 'S24', 'S27']);
    });
  });

  describe('paging', () => {
    it.each([
      ['page=1&size=25', 25, 'S0', 'S24'],
      ['page=2&size=25', 25, 'S25', 'S49'],
      ['page=3&size=25', 10, 'S50', 'S59'],
      ['page=2&size=7', 7, 'S7', 'S13'],
      ['page=2', 25, 'S25', 'S49'],
      ['size=10', 10, 'S0', 'S9'],
      ['page=0&size=10', 10, 'S0', 'S9'],
      ['page=-1&size=10', 10, 'S0', 'S9'],
      ['page=1.5&size=10', 10, 'S0', 'S9'],
      ['page=abc&size=10', 10, 'S0', 'S9'],
      ['page=&size=10', 10, 'S0', 'S9'],
      ['page=2&page=3&size=10', 10, 'S0', 'S9'],
      ['page=abc', 25, 'S0', 'S24'],
      ['page=2&size=0', 25, 'S25', 'S49'],
      ['page=2&size=abc', 25, 'S25', 'S49'],
      ['page=2&size=-5', 25, 'S25', 'S49'],
      ['page=2&size=2.5', 25, 'S25', 'S49'],
      ['page=2&size=', 25, 'S25', 'S49'],
      ['size=0', 25, 'S0', 'S24'],
      ['size=1000', 60, 'S0', 'S59'],
    ])('%s gives %i logs from %s to %s', async (paging, count, first, last) => {
      const res = await get(`${DAY}&${paging}`);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(count);
      expect(res.body[0].status).toBe(first);
      expect(res.body[count - 1].status).toBe(last);
      const firstIndex = Number(first.slice(1));
      expect(statuses(res.body)).toEqual(range(firstIndex, firstIndex + count - 1));
    });

    it.each(['page=4&size=25', 'page=4', 'page=61&size=1', 'page=9007199254740991&size=9007199254740991'])(
      'answers [] for %s, a page past the end',
      async (paging) => {
        const res = await get(`${DAY}&${paging}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual([]);
      },
    );

    it('walking every page yields each log once, in order', async () => {
      const seen: StatusLog[] = [];
      for (let page = 1; ; page++) {
        const res = await get(`${DAY}&page=${page}&size=7`);
        if (res.body.length === 0) break;
        seen.push(...res.body);
      }
      expect(seen).toEqual(SEQUENCE);
    });
  });
});
