import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  craftTokens,
  jwtClaims,
  tokenHasPermission,
} from '../../../../../src/contract/suite/vendors/enneo/auth-tokens.ts';

const SECRET = new TextEncoder().encode('the-servers-secret');
const NOW = Date.UTC(2025, 8, 30, 12, 0, 0);
const caller = async () => {
  const { SignJWT } = await import('jose');
  return new SignJWT({ userId: 7, permissions: ['reportingPersonalData'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('7')
    .setExpirationTime(NOW / 1000 + 3600)
    .sign(SECRET);
};

describe('tokens the auth check crafts from the caller token', () => {
  it("copy the caller's claims, so only the signature, expiry or algorithm is wrong", async () => {
    const tokens = await craftTokens(await caller(), NOW);
    const now = NOW / 1000;
    expect(jwtClaims(tokens.wrongKey)).toEqual({
      userId: 7,
      permissions: ['reportingPersonalData'],
      sub: '7',
      iat: now,
    });
    expect(jwtClaims(tokens.expired)).toEqual({
      userId: 7,
      permissions: ['reportingPersonalData'],
      sub: '7',
      iat: now - 7200,
      exp: now - 3600,
    });
    expect(decodeProtectedHeader(tokens.algNone)).toEqual({ alg: 'none', typ: 'JWT' });
    expect(tokens.algNone.endsWith('.')).toBe(true);
    expect(jwtClaims(tokens.algNone)).toMatchObject({ userId: 7, sub: '7' });
  });

  it('are all refused by a verifier that holds the real secret', async () => {
    const tokens = await craftTokens(await caller(), NOW);
    for (const token of Object.values(tokens)) {
      await expect(
        jwtVerify(token, SECRET, { algorithms: ['HS256'], currentDate: new Date(NOW) }),
      ).rejects.toThrow();
    }
  });

  it("fall back to the claims { sub: '1' } when the credential is no JWT", async () => {
    const tokens = await craftTokens('an-opaque-session', NOW);
    expect(jwtClaims(tokens.wrongKey)).toEqual({ sub: '1', iat: NOW / 1000 });
    expect(jwtClaims(undefined)).toBeUndefined();
  });
});

describe("reading a permission from the caller's token", () => {
  it('is true or false from a JWT and unknown for anything else', async () => {
    expect(tokenHasPermission(await caller(), 'reportingPersonalData')).toBe(true);
    expect(tokenHasPermission(await caller(), 'admin')).toBe(false);
    const { wrongKey } = await craftTokens(undefined, NOW);
    expect(tokenHasPermission(wrongKey, 'reportingPersonalData')).toBe(false);
    expect(tokenHasPermission('opaque', 'reportingPersonalData')).toBeUndefined();
    expect(tokenHasPermission(undefined, 'reportingPersonalData')).toBeUndefined();
  });
});
