import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestHandler, Response } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusLog } from '../../../src/world/types.ts';
import { KEY, PATH, voipcubeApp, worldWith } from './app.ts';

const COUNT = 60_000;
const USERS = Array.from(
  { length: 300 },
  (_, u) => `${u.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
);
const START = Date.parse('2023-03-02T00:00:00.000Z');

/** 60,000 logs of 300 users, one every 500 s: about 6.5 MB of JSON within one year. */
const LOGS: StatusLog[] = Array.from({ length: COUNT }, (_, i) => ({
  status: i % 7 === 0 ? '' : 'Researching problem',
  userId: USERS[(i * 7) % USERS.length]!,
  time: new Date(START + i * 500_000 + (i % 1000)).toISOString(),
}));
const YEAR = 'from=2023-03-02&to=2024-03-02';

/** Records, per response, how many times the router wrote to it and whether it ended. */
function writeSpy() {
  const seen: { writes: number; ended: boolean; res: Response }[] = [];
  const spy: RequestHandler = (_req, res, next) => {
    const entry = { writes: 0, ended: false, res };
    seen.push(entry);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((...args: unknown[]) => {
      entry.writes++;
      return write(...args);
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      entry.ended = true;
      return end(...args);
    }) as Response['end'];
    next();
  };
  return { seen, spy };
}

describe('a large unpaginated answer', () => {
  const { seen, spy } = writeSpy();
  const app = voipcubeApp(worldWith(LOGS), spy);

  it('arrives complete, parses, and was written in many chunks', async () => {
    const res = await request(app).get(`${PATH}?${YEAR}`).set('Key', KEY);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.body).toHaveLength(COUNT);
    expect(res.body[0]).toEqual(LOGS[0]);
    expect(res.body[COUNT - 1]).toEqual(LOGS[COUNT - 1]);
    expect(res.text.length).toBeGreaterThan(6_000_000);
    // About 64 KB per write.
    expect(seen.at(-1)!.writes).toBeGreaterThanOrEqual(Math.floor(res.text.length / (64 * 1024)) - 1);
    expect(seen.at(-1)!.ended).toBe(true);
  });

  it('filters many users at once (the mask path) as it filters a few', async () => {
    const wanted = USERS.slice(0, 40);
    const query = wanted.map((u) => `userIds[]=${u}`).join('&');
    const res = await request(app).get(`${PATH}?${YEAR}&${query}`).set('Key', KEY);
    const expected = LOGS.filter((l) => wanted.includes(l.userId));
    expect(res.body).toHaveLength(expected.length);
    expect(res.body).toEqual(expected);
  });

  describe('when the client goes away mid-answer', () => {
    // Long statuses make an answer (about 30 MB) far larger than loopback socket buffers hold.
    const bulky = LOGS.slice(0, 30_000).map((l) => ({ ...l, status: 'x'.repeat(1000) }));
    let server: http.Server;
    beforeAll(async () => {
      server = voipcubeApp(worldWith(bulky), spy).listen(0, '127.0.0.1');
      await once(server, 'listening');
    });
    afterAll(async () => {
      server.close();
      await once(server, 'close');
    });

    it('stops writing without ending, and keeps serving', async () => {
      const { port } = server.address() as AddressInfo;
      const req = http.get({ host: '127.0.0.1', port, path: `${PATH}?${YEAR}`, headers: { Key: KEY } });
      const [clientRes] = (await once(req, 'response')) as [http.IncomingMessage];
      expect(clientRes.statusCode).toBe(200);
      const entry = seen.at(-1)!;
      req.destroy();
      await once(entry.res, 'close');
      const writesAtClose = entry.writes;
      // Give the streamer turns to (wrongly) go on writing.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(entry.ended).toBe(false);
      expect(entry.writes).toBe(writesAtClose);
      expect(entry.writes).toBeLessThan(30_000_000 / (64 * 1024) / 2);

      const after = await request(server).get(`${PATH}?from=2023-03-02&to=2023-03-03`).set('Key', KEY);
      expect(after.status).toBe(200);
      expect(after.body).toHaveLength(173);
    });
  });
});
