/**
 * The behaviour suite through MSW (standin/msw): plain `fetch` to the vendors' real URLs, answered
 * in-process by `setupServer(...handlers)`.
 */
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/msw.ts';
import { describeDoor } from './behaviour.ts';
import { readAnswer } from './fetch-door.ts';
import { CLOCK, doorWorld } from './world.ts';

/** standin's path → the vendor's real URL, as the client under test would call it. */
const REAL: [string, string][] = [
  ['/enneo/api/mind', 'https://demo.enneo.ai/api/mind'],
  ['/voipcube', 'https://customer.voipcube.nl'],
  ['/autozod', 'https://www.autozod.app'],
];
const realUrl = (target: string) => {
  const [base, real] = REAL.find(([b]) => target.startsWith(`${b}/`))!;
  return `${real}${target.slice(base.length)}`;
};

describeDoor('MSW', async () => {
  const { handlers, controls } = createHandlers({ world: doorWorld(), clock: CLOCK });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return {
    controls,
    async send(method, target, headers) {
      try {
        return await readAnswer(await fetch(realUrl(target), { method, headers }));
      } catch (err) {
        if (err instanceof TypeError) return 'reset';
        throw err;
      }
    },
    close: async () => server.close(),
  };
});

describe('MSW: base URLs', () => {
  it('intercepts the URLs given in baseUrls instead of the real ones', async () => {
    const { handlers } = createHandlers({
      world: doorWorld(),
      baseUrls: { voipcube: 'https://pbx.example.test/api' },
    });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const res = await fetch('https://pbx.example.test/api/stats/user-statuses?from=2025-09-01', {
        headers: { Key: 'standin-voipcube-dev-key' },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'MISSING_PARAMETER', parameter: 'to' });
    } finally {
      server.close();
    }
  });

  it('refuses a base URL that is not a URL, naming the vendor', () => {
    expect(() => createHandlers({ world: doorWorld(), baseUrls: { autozod: 'autozod' } })).toThrow(
      'createHandlers: baseUrls.autozod "autozod" is not a URL',
    );
  });
});
