/** startServer(): what a test set-up gets — a listening standin, its URL, and a close that frees the port. */
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/index.ts';

const SMALL = { agents: 2, days: 10, tickets: 10 } as const;
/** A VoIPcube page inside the small world's ten days (the default anchor is 2025-09-30). */
const STATUSES = '/voipcube/stats/user-statuses?from=2025-09-25&to=2025-09-30';
let running: RunningServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Resolves 'open' when something accepts a connection on the port, else the error code. */
function probe(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('startServer', () => {
  it('listens on a free port of 127.0.0.1 by default and answers every vendor', async () => {
    running = await startServer(SMALL);
    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    const health = await fetch(`${running.url}/__standin/health`);
    expect(health.status).toBe(200);
    const logs = await fetch(`${running.url}${STATUSES}`, {
      headers: { Key: 'standin-voipcube-dev-key' },
    });
    expect(logs.status).toBe(200);
  });

  it('takes the serve flags in camelCase: the credentials it is given are the ones it accepts', async () => {
    running = await startServer({ ...SMALL, voipcubeKey: 'my-key', autozodToken: 'my-token' });
    const url = `${running.url}${STATUSES}`;
    expect((await fetch(url, { headers: { Key: 'my-key' } })).status).toBe(200);
    expect((await fetch(url, { headers: { Key: 'standin-voipcube-dev-key' } })).status).toBe(401);
  });

  it('close() frees the port, and a second close() is the same promise', async () => {
    running = await startServer(SMALL);
    const { port } = running;
    const first = running.close();
    expect(running.close()).toBe(first);
    await first;
    expect(await probe(port)).toBe('ECONNREFUSED');
    running = undefined;
  });

  it('two servers with the same seed answer the same bytes', async () => {
    const a = await startServer(SMALL);
    const b = await startServer(SMALL);
    try {
      const headers = { Key: 'standin-voipcube-dev-key' };
      const [x, y] = await Promise.all([
        fetch(a.url + STATUSES, { headers }),
        fetch(b.url + STATUSES, { headers }),
      ]);
      expect([x.status, y.status]).toEqual([200, 200]);
      const [xs, ys] = await Promise.all([x.text(), y.text()]);
      expect(xs.length).toBeGreaterThan(100);
      expect(xs).toBe(ys);
      expect(a.port).not.toBe(b.port);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it.each([
    [{ port: 70000 }, 'startServer: port must be an integer from 0 to 65535.'],
    [{ agents: 0 }, 'startServer: agents must be an integer from 1 to 10000.'],
    [{ anchor: '2025-02-30' }, 'startServer: anchor must be a calendar day as YYYY-MM-DD, or now.'],
    [
      { enneoPrivacy: 'secret' },
      'startServer: enneoPrivacy must be one of none, partiallyPseudonymized, pseudonymized; got "secret".',
    ],
    [{ prot: 1 }, 'startServer: unknown option prot; the options are'],
    [{ fixtures: 'x', seed: 1 }, 'startServer: fixtures cannot be combined with seed.'],
    [{ voipcubeKey: 'has space' }, 'startServer: voipcubeKey must be 1 to 512 visible ASCII characters'],
  ])('refuses %j with a TypeError naming the option and the rule', async (options, message) => {
    const err = await startServer(options as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message.startsWith(message)).toBe(true);
  });

  it('a port already taken is an Error naming the port, not a crash', async () => {
    running = await startServer(SMALL);
    const err = await startServer({ ...SMALL, port: running.port }).catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `startServer: port ${running.port} is already in use on 127.0.0.1 (try --port)`,
    );
  });
});
