import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../mocks/enneo/auth.ts';
import { VerifiedTokens } from '../../../mocks/enneo/verified-tokens.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import type { ApiError } from '../../../src/http/errors.ts';
import { NOW, SECRET, signToken } from './helpers.ts';

const creds = DEFAULT_CREDENTIALS.enneo;
const caller = { userId: 7, permissions: [], via: 'bearer' } as const;
const nowSeconds = NOW / 1000;

async function refusal(authorization: string, now: number, credentials = creds): Promise<string> {
  try {
    await authenticate({ authorization }, credentials, now);
  } catch (err) {
    return (err as ApiError).message;
  }
  throw new Error('expected authentication to fail');
}

describe('verified tokens', () => {
  it('remembers a token per secret, only inside its nbf..exp window', () => {
    const tokens = new VerifiedTokens();
    tokens.set(SECRET, 'tok', { caller, nbf: nowSeconds - 10, exp: nowSeconds + 10 });
    expect(tokens.get(SECRET, 'tok', NOW)).toBe(caller);
    expect(tokens.get('another secret', 'tok', NOW)).toBeUndefined();
    expect(tokens.get(SECRET, 'tok2', NOW)).toBeUndefined();
    // nbf is inclusive, exp exclusive, in whole seconds: as jose decides.
    expect(tokens.get(SECRET, 'tok', (nowSeconds - 10) * 1000)).toBe(caller);
    expect(tokens.get(SECRET, 'tok', (nowSeconds + 9) * 1000 + 999)).toBe(caller);
    expect(tokens.get(SECRET, 'tok', (nowSeconds - 11) * 1000 + 999)).toBeUndefined();
    // Outside its window the token is forgotten, even when asked again inside it.
    expect(tokens.get(SECRET, 'tok', NOW)).toBeUndefined();
    tokens.set(SECRET, 'tok', { caller, nbf: undefined, exp: nowSeconds + 10 });
    expect(tokens.get(SECRET, 'tok', (nowSeconds + 10) * 1000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps at most its limit, forgetting the least recently used', () => {
    const tokens = new VerifiedTokens(2);
    const always = { caller, nbf: undefined, exp: undefined };
    tokens.set(SECRET, 'a', always);
    tokens.set(SECRET, 'b', always);
    expect(tokens.get(SECRET, 'a', NOW)).toBe(caller);
    tokens.set(SECRET, 'c', always);
    expect(tokens.size).toBe(2);
    expect(tokens.get(SECRET, 'b', NOW)).toBeUndefined();
    expect(tokens.get(SECRET, 'a', NOW)).toBe(caller);
    expect(tokens.get(SECRET, 'c', NOW)).toBe(caller);
  });

  it('a token accepted once is refused, saying why, once it expires', async () => {
    const token = await signToken({ sub: '5', exp: nowSeconds + 60 });
    const header = `Bearer ${token}`;
    const expected = { userId: 5, permissions: [], via: 'bearer' };
    await expect(authenticate({ authorization: header }, creds, NOW)).resolves.toEqual(expected);
    await expect(authenticate({ authorization: header }, creds, NOW + 59_999)).resolves.toEqual(expected);
    expect(await refusal(header, NOW + 60_000)).toBe(
      'the bearer token expired at 2024-06-01T12:01:00Z ("exp")',
    );
  });

  it('a token accepted with one secret is refused by a server with another', async () => {
    const header = `Bearer ${await signToken({ sub: '5' })}`;
    await expect(authenticate({ authorization: header }, creds, NOW)).resolves.toMatchObject({ userId: 5 });
    expect(await refusal(header, NOW, { ...creds, jwtSecret: 'another-secret-entirely' })).toBe(
      'the bearer token signature does not verify with the server secret',
    );
  });

  it('a refused token stays refused, and a token naming no user is not remembered as good', async () => {
    const forged = `Bearer ${await signToken({ sub: '5' }, { secret: 'wrong' })}`;
    const nobody = `Bearer ${await signToken({ permissions: [] })}`;
    for (let i = 0; i < 2; i++) {
      expect(await refusal(forged, NOW)).toMatch(/signature does not verify/);
      expect(await refusal(nobody, NOW)).toMatch(/names no user/);
    }
  });

  it('the caller a remembered token answers cannot be changed by whoever receives it', async () => {
    const header = `Bearer ${await signToken({ sub: '5', permissions: ['reportingPersonalData'] })}`;
    const first = await authenticate({ authorization: header }, creds, NOW);
    expect(() => (first.permissions as string[]).push('admin')).toThrow(TypeError);
    expect(await authenticate({ authorization: header }, creds, NOW)).toEqual({
      userId: 5,
      permissions: ['reportingPersonalData'],
      via: 'bearer',
    });
  });
});

describe('the verified-token cache belongs to whoever passes it', () => {
  it('a verified token is remembered in the cache given to authenticate, and in no other', async () => {
    const mine = new VerifiedTokens();
    const other = new VerifiedTokens();
    const authorization = `Bearer ${await signToken({ userId: 7 })}`;
    await authenticate({ authorization }, creds, NOW, mine);
    expect([mine.size, other.size]).toEqual([1, 0]);
    await authenticate({ authorization }, creds, NOW);
    expect([mine.size, other.size]).toEqual([1, 0]);
  });
});
