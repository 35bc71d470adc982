import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { cli } from './in-process.ts';

const key = (secret: string) => new TextEncoder().encode(secret);

describe('standin credentials --json', () => {
  it('prints exactly the documented shape, on one line', async () => {
    const res = await cli(['credentials', '--json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout.endsWith('}\n')).toBe(true);
    expect(res.stdout.split('\n')).toHaveLength(2);
    const parsed = JSON.parse(res.stdout);
    expect(res.stdout).toBe(
      `{"enneo":{"token":"${parsed.enneo.token}","cookie":"connect.sid=standin-enneo-dev-session"},"voipcube":{"key":"standin-voipcube-dev-key"},"autozod":{"token":"standin-autozod-dev-token"}}\n`,
    );
    const { payload } = await jwtVerify(parsed.enneo.token, key(DEFAULT_CREDENTIALS.enneo.jwtSecret), {
      algorithms: ['HS256'],
    });
    expect(payload).toMatchObject({ sub: '1', userId: 1 });
  });

  it('is the same on every run (the development token is deterministic)', async () => {
    const [a, b] = await Promise.all([cli(['credentials', '--json']), cli(['credentials', '--json'])]);
    expect(a.stdout).toBe(b.stdout);
  });

  it('follows the same flags and env as serve', async () => {
    const res = await cli(
      ['credentials', '--json', '--voipcube-key', 'flag-key', '--enneo-session', 'sess-1'],
      {
        STANDIN_ENNEO_SECRET: 'env-secret',
        STANDIN_AUTOZOD_TOKEN: 'env-token',
        STANDIN_VOIPCUBE_KEY: 'env-key-loses-to-the-flag',
      },
    );
    expect(res.code).toBe(0);
    const parsed = JSON.parse(res.stdout);
    expect(parsed.voipcube).toEqual({ key: 'flag-key' });
    expect(parsed.autozod).toEqual({ token: 'env-token' });
    expect(parsed.enneo.cookie).toBe('connect.sid=sess-1');
    await jwtVerify(parsed.enneo.token, key('env-secret'), { algorithms: ['HS256'] });
    await expect(jwtVerify(parsed.enneo.token, key(DEFAULT_CREDENTIALS.enneo.jwtSecret))).rejects.toThrow();
  });

  it('without --json prints a readable list of headers', async () => {
    const res = await cli(['credentials']);
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Enneo {5}Authorization: Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(lines.slice(1)).toEqual([
      '          Cookie: connect.sid=standin-enneo-dev-session',
      'VoIPcube  Key: standin-voipcube-dev-key',
      'Autozod   Authorization: Bearer standin-autozod-dev-token',
    ]);
  });
});

describe('standin token enneo', () => {
  it('prints a JWT that verifies with the secret, carrying user, permissions and expiry', async () => {
    const res = await cli([
      'token',
      'enneo',
      '--user',
      '7',
      '--permission',
      'reportingPersonalData',
      '--permission',
      'other',
      '--expires-in',
      '1h',
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = res.stdout.trim();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, key(DEFAULT_CREDENTIALS.enneo.jwtSecret), {
      algorithms: ['HS256'],
    });
    expect(payload.sub).toBe('7');
    expect(payload.userId).toBe(7);
    expect(payload.permissions).toEqual(['reportingPersonalData', 'other']);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(Math.abs(payload.iat! - Date.now() / 1000)).toBeLessThan(60);
  });

  it('signs with --enneo-secret / STANDIN_ENNEO_SECRET and defaults to user 1 with no permissions, no expiry', async () => {
    const res = await cli(['token', 'enneo'], { STANDIN_ENNEO_SECRET: 'another-secret' });
    expect(res.code).toBe(0);
    const { payload } = await jwtVerify(res.stdout.trim(), key('another-secret'), { algorithms: ['HS256'] });
    expect(payload).toMatchObject({ sub: '1', userId: 1, permissions: [] });
    expect(payload.exp).toBeUndefined();
  });

  it('takes --expires-in as seconds, and several permissions after one --permission', async () => {
    const res = await cli(['token', 'enneo', '--permission', 'a', 'b', '--expires-in', '90']);
    expect(res.code).toBe(0);
    const { payload } = await jwtVerify(res.stdout.trim(), key(DEFAULT_CREDENTIALS.enneo.jwtSecret));
    expect(payload.permissions).toEqual(['a', 'b']);
    expect(payload.exp! - payload.iat!).toBe(90);
  });

  it.each([
    [
      ['--user', 'x'],
      "error: option '--user <id>' argument 'x' is invalid. --user must be an integer from 1 to 9007199254740991.",
    ],
    [
      ['--expires-in', 'soon'],
      "error: option '--expires-in <duration>' argument 'soon' is invalid. --expires-in must be a duration such as 90s, 15m, 1h, 7d or 2w, or seconds.",
    ],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const res = await cli(['token', 'enneo', ...args]);
    expect(res.stderr).toBe(`${message}\n`);
    expect(res.code).toBe(2);
  });
});
