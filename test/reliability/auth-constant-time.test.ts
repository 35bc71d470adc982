/**
 * Keys, tokens, session ids and the admin token are compared in constant time: every check goes
 * through src/http/safe-equal.ts (spied on here), whatever the given value's length, and no auth
 * module compares a secret with `===`. Enneo's JWT signatures are verified by jose (WebCrypto).
 */
import { readFileSync } from 'node:fs';
import type { Request, Response } from 'express';
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

const { authenticate: voipcubeAuth } = await import('../../mocks/voipcube/auth.ts');
const { checkBearer } = await import('../../mocks/autozod/auth.ts');
const { authenticate: enneoAuth } = await import('../../mocks/enneo/auth.ts');
const { adminGuard } = await import('../../src/http/admin-guard.ts');
const { safeEqual } = await import('../../src/http/safe-equal.ts');
const { DEFAULT_CREDENTIALS: DEV } = await import('../../src/config/credentials.ts');

beforeEach(() => {
  calls.length = 0;
});

/** The same secret, one character off, shorter, longer, empty-ish: each must reach safeEqual. */
const near = (secret: string) => [
  secret,
  `${secret.slice(0, -1)}${secret.endsWith('x') ? 'y' : 'x'}`,
  secret.slice(0, 3),
  `${secret}${secret}`,
  'x',
];

describe('every credential check goes through safeEqual, whatever the length given', () => {
  it.each(near(DEV.voipcube.key))('VoIPcube Key %j', (given) => {
    const ok = (() => {
      try {
        voipcubeAuth(given, DEV.voipcube.key);
        return true;
      } catch {
        return false;
      }
    })();
    expect(ok).toBe(given === DEV.voipcube.key);
    expect(calls).toEqual([[given, DEV.voipcube.key]]);
  });

  it.each(near(DEV.autozod.token))('Autozod bearer token %j', (given) => {
    const ok = (() => {
      try {
        checkBearer(`Bearer ${given}`, DEV.autozod.token);
        return true;
      } catch {
        return false;
      }
    })();
    expect(ok).toBe(given === DEV.autozod.token);
    expect(calls).toEqual([[given, DEV.autozod.token]]);
  });

  it.each(near(DEV.enneo.sessionId))('Enneo connect.sid %j', async (given) => {
    const ok = await enneoAuth({ cookie: `connect.sid=${given}` }, DEV.enneo, 0).then(
      () => true,
      () => false,
    );
    expect(ok).toBe(given === DEV.enneo.sessionId);
    expect(calls).toEqual([[given, DEV.enneo.sessionId]]);
  });

  it.each(near('reliability-admin-token'))('the admin token %j', (given) => {
    const guard = adminGuard('reliability-admin-token');
    let passed = false;
    const res = { status: () => res, json: () => res } as unknown as Response;
    guard({ headers: { authorization: `Bearer ${given}` }, socket: {} } as Request, res, () => {
      passed = true;
    });
    expect(passed).toBe(given === 'reliability-admin-token');
    expect(calls).toEqual([[given, 'reliability-admin-token']]);
  });
});

describe('safeEqual itself', () => {
  it('is true only for equal strings, for any lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
    expect(safeEqual('é', 'e\u0301')).toBe(false);
  });

  it('hashes both sides before timingSafeEqual, so unequal lengths take the same path', () => {
    const source = readFileSync(new URL('../../src/http/safe-equal.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/createHash\('sha256'\)\.update\(given\)/);
    expect(source).toMatch(/createHash\('sha256'\)\.update\(expected\)/);
    expect(source).toMatch(/timingSafeEqual\(a, b\)/);
  });
});

describe('the auth modules never compare a secret with an operator', () => {
  const MODULES = [
    'mocks/voipcube/auth.ts',
    'mocks/autozod/auth.ts',
    'mocks/enneo/auth.ts',
    'src/http/admin-guard.ts',
  ];
  const SECRET = '(?:expected\\w*|adminToken|jwtSecret|sessionId|secret|key|token|sid)';
  const COMPARES_SECRET = new RegExp(`\\b${SECRET}\\s*[!=]==?|[!=]==?\\s*${SECRET}\\b`);
  /** Checks against undefined, null or the empty string say nothing about a secret's value. */
  const withoutEmptinessChecks = (line: string) =>
    line
      .replace(/\s*[!=]==?\s*(?:undefined|null|''|"")/g, ' ')
      .replace(/(?:undefined|null|''|"")\s*[!=]==?\s*/g, ' ');

  it.each(MODULES)('%s', (path) => {
    const source = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    const offending = source
      .split('\n')
      .filter((line) => !line.trim().startsWith('*') && COMPARES_SECRET.test(withoutEmptinessChecks(line)));
    expect(offending).toEqual([]);
    if (path !== 'mocks/enneo/auth.ts') expect(source).toMatch(/safeEqual\(/);
  });

  it('Enneo verifies JWT signatures with jose, restricted to HS256', () => {
    const source = readFileSync(new URL('../../mocks/enneo/auth.ts', import.meta.url), 'utf8');
    expect(source).toMatch(
      /jwtVerify\(token, new TextEncoder\(\)\.encode\(secret\), \{\s*algorithms: \['HS256'\]/,
    );
    expect(source).toMatch(/safeEqual\(sid, credentials\.sessionId\)/);
  });
});
