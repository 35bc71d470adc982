import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultEnneoToken, mintEnneoToken, parseExpiresIn } from '../../../mocks/enneo/token.ts';
import { NOW, SECRET } from './helpers.ts';

const key = new TextEncoder().encode(SECRET);

describe('Enneo tokens', () => {
  it('the default token is the same string for the same secret and differs for another secret', async () => {
    const a = await defaultEnneoToken(SECRET);
    expect(await defaultEnneoToken(SECRET)).toBe(a);
    expect(await defaultEnneoToken('another-secret')).not.toBe(a);
  });

  it('the default token is HS256, user 1, with reportingPersonalData and no iat or exp', async () => {
    const token = await defaultEnneoToken(SECRET);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual({ sub: '1', userId: 1, permissions: ['reportingPersonalData'] });
    await expect(jwtVerify(token, key, { algorithms: ['HS256'] })).resolves.toBeTruthy();
  });

  it('a minted token carries the user, only the asked permissions, iat from now and exp after expiresIn', async () => {
    const token = await mintEnneoToken(SECRET, {
      userId: 7,
      permissions: ['reportingPersonalData', 'x'],
      expiresIn: '1h',
      now: NOW,
    });
    expect(decodeJwt(token)).toEqual({
      sub: '7',
      userId: 7,
      permissions: ['reportingPersonalData', 'x'],
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    });
    expect(decodeJwt(await mintEnneoToken(SECRET, { now: NOW }))).toEqual({
      sub: '1',
      userId: 1,
      permissions: [],
      iat: NOW / 1000,
    });
  });

  it('a numeric expiresIn counts seconds from now', async () => {
    expect(decodeJwt(await mintEnneoToken(SECRET, { expiresIn: 90, now: NOW })).exp).toBe(NOW / 1000 + 90);
  });

  it('reads spans in seconds, minutes, hours, days and weeks and rejects the rest', () => {
    expect(parseExpiresIn('90s')).toBe(90);
    expect(parseExpiresIn('15m')).toBe(900);
    expect(parseExpiresIn('2 minutes')).toBe(120);
    expect(parseExpiresIn('1h')).toBe(3600);
    expect(parseExpiresIn('7d')).toBe(604_800);
    expect(parseExpiresIn('2w')).toBe(1_209_600);
    for (const bad of ['', 'soon', '1y', '-1h', '0s', '1.5h'])
      expect(() => parseExpiresIn(bad), bad).toThrow(TypeError);
    expect(() => parseExpiresIn(0)).toThrow(TypeError);
    expect(() => parseExpiresIn(1.5)).toThrow(TypeError);
  });

  it('refuses a user id that is not a positive integer', async () => {
    await expect(mintEnneoToken(SECRET, { userId: 0 })).rejects.toThrow(TypeError);
  });
});
