/**
 * Keys, tokens, session ids and the admin token are compared in constant time. Proven by what a
 * caller and the comparison see, never by reading source: every wrong value — each prefix of the
 * secret, each length around it, one character off at either end — is refused with the very same
 * answer, and every request, right or wrong, reaches src/http/safe-equal.ts exactly once with the
 * value as given (no early exit on length or on a first differing character). safeEqual in turn
 * hands node's timingSafeEqual two digests of one length, whatever the lengths it was given.
 * Enneo's JWT signatures are checked by jose restricted to HS256: auth-jwt.test.ts proves that.
 */
import type { Response as SupertestResponse } from 'supertest';
import request from 'supertest';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: [string, string][] = [];
vi.mock('../../src/http/safe-equal.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/http/safe-equal.ts')>();
  return {
    safeEqual: (given: string, expected: string) => {
      calls.push([given, expected]);
      return real.safeEqual(given, expected);
    },
  };
});

const compared: [number, number][] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return {
    ...real,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return real.timingSafeEqual(a, b);
    },
  };
});

const { createApp } = await import('../../src/app.ts');
const { safeEqual } = await import('../../src/http/safe-equal.ts');
const { DEV, smallWorld, NOW } = await import('./helpers.ts');

const ADMIN_TOKEN = 'reliability-admin-token-5d2e';
const app = createApp({ world: smallWorld(), clock: () => NOW, adminToken: ADMIN_TOKEN });

beforeEach(() => {
  calls.length = 0;
  compared.length = 0;
});

/**
 * Wrong values a timing attack would try: every prefix (one character at a time), the secret with
 * a character more or two, one character off at the start and at the end, same length all wrong.
 */
function wrongValues(secret: string): string[] {
  const other = (c: string) => (c === 'x' ? 'y' : 'x');
  const values = [
    ...Array.from({ length: secret.length - 1 }, (_, i) => secret.slice(0, i + 1)),
    `${secret}x`,
    `${secret}xy`,
    `${other(secret[0]!)}${secret.slice(1)}`,
    `${secret.slice(0, -1)}${other(secret.at(-1)!)}`,
    'x'.repeat(secret.length),
  ];
  return [...new Set(values)];
}

/** What a caller can compare between two refusals: everything but the Date header. */
function seen(res: SupertestResponse) {
  const { date: _date, ...headers } = res.headers as Record<string, unknown>;
  return { status: res.status, headers, body: res.text };
}

interface Credential {
  name: string;
  secret: string;
  send: (value: string) => Promise<SupertestResponse>;
}

const CREDENTIALS: Credential[] = [
  {
    name: 'the VoIPcube Key',
    secret: DEV.voipcube.key,
    send: (v) =>
      request(app).get('/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02').set('Key', v),
  },
  {
    name: 'the Autozod bearer token',
    secret: DEV.autozod.token,
    send: (v) =>
      request(app)
        .get('/autozod/api/sessionLogs/list?team_id=1000&start_date=01-09-2025&end_date=07-09-2025')
        .set('Authorization', `Bearer ${v}`),
  },
  {
    name: "Enneo's connect.sid session",
    secret: DEV.enneo.sessionId,
    send: (v) => request(app).get('/enneo/api/mind/ticket/10002/worklog').set('Cookie', `connect.sid=${v}`),
  },
  {
    name: 'the admin token',
    secret: ADMIN_TOKEN,
    send: (v) => request(app).get('/__standin/settings').set('Authorization', `Bearer ${v}`),
  },
];

describe.each(CREDENTIALS)('$name', ({ secret, send }) => {
  it('the right value is let in, after one comparison with the secret', async () => {
    expect((await send(secret)).status).toBe(200);
    expect(calls).toEqual([[secret, secret]]);
  });

  it(`every wrong value is refused with the same answer, after one comparison with the secret (${wrongValues(secret).length} values)`, async () => {
    const reference = seen(await send('x'));
    expect(reference.status).toBeGreaterThanOrEqual(400);
    for (const value of wrongValues(secret)) {
      calls.length = 0;
      expect(seen(await send(value)), value).toEqual(reference);
      expect(calls, value).toEqual([[value, secret]]);
    }
  });
});

describe('safeEqual', () => {
  it('is true only for equal strings, for any lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
  });

  it('hands timingSafeEqual two inputs of one length whatever the lengths given, so none returns early', () => {
    const secret = 'a-secret-of-24-characters';
    const lengths = [0, 1, 12, secret.length - 1, secret.length, secret.length + 1, 4096];
    for (const n of lengths) safeEqual('z'.repeat(n), secret);
    expect(compared).toHaveLength(lengths.length);
    const [first] = compared;
    expect(compared.every(([a, b]) => a === first![0] && b === first![0])).toBe(true);
  });
});
