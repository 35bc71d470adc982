import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportStore } from '../../../mocks/enneo/export-store.ts';
import { projectionFor } from '../../../mocks/enneo/privacy.ts';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { BASE, makeApp, makeDeps, makeWorld, SECRET, serve } from './helpers.ts';

// Pages are built in reused memory (src/http/byte-pool.ts): many answers in flight at once, some
// cut off by their client, must each still carry exactly their own bytes.
const world = makeWorld(1500);
const { server, close } = serve(makeApp(makeDeps(world)));
const agent = new Agent({ keepAlive: true, maxSockets: 12 });
afterAll(async () => {
  agent.destroy();
  await close();
});

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

const reference = new ExportStore(world.enneo.exportRows);
const full = projectionFor('none', []);
const expected = (offset: number, limit: number, direction: 'asc' | 'desc') =>
  reference.jsonBytes(
    reference.page({ orderByField: 'duration', orderByDirection: direction, offset, limit }, full),
    full,
  );

interface Answer {
  status: number;
  length: string | undefined;
  body: Buffer;
}

function get(
  path: string,
  method: 'GET' | 'HEAD',
  abort: boolean,
  slow: boolean,
): Promise<Answer | 'aborted'> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method,
      agent,
      headers: { authorization: auth },
    });
    req.on('response', (res) => {
      if (abort) {
        req.destroy();
        resolve('aborted');
        return;
      }
      // A client slow to read leaves the rest of its answer queued in the server for a while.
      if (slow) {
        res.pause();
        setTimeout(() => res.resume(), 60);
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          length: res.headers['content-length'],
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', (err) => (abort ? resolve('aborted') : reject(err)));
    req.end();
  });
}

describe('export pages built in reused memory', () => {
  it('400 concurrent pages of many sizes, with HEADs, slow and cut-off clients among them, each answer its own bytes', async () => {
    const cases = Array.from({ length: 400 }, (_, i) => ({
      offset: (i * 37) % 1400,
      limit: 20 + ((i * 53) % 980),
      direction: i % 2 === 0 ? ('asc' as const) : ('desc' as const),
      method: i % 7 === 3 ? ('HEAD' as const) : ('GET' as const),
      abort: i % 11 === 5,
      slow: i % 4 === 1,
    }));
    const answers = await Promise.all(
      cases.map((c) =>
        get(
          `${BASE}/export/reporting_worklog?orderByField=duration&orderByDirection=${c.direction}&offset=${c.offset}&limit=${c.limit}`,
          c.method,
          c.abort,
          c.slow,
        ),
      ),
    );
    let compared = 0;
    for (const [i, c] of cases.entries()) {
      const answer = answers[i]!;
      if (c.abort) continue;
      expect(answer).not.toBe('aborted');
      const { status, length, body } = answer as Answer;
      const want = expected(c.offset, c.limit, c.direction);
      expect(status).toBe(200);
      expect(length).toBe(String(want.length));
      if (c.method === 'HEAD') {
        expect(body.length).toBe(0);
      } else {
        expect(body.equals(want), `case ${i}`).toBe(true);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });
});
