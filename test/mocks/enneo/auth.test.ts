import { describe, expect, it } from 'vitest';
import { authenticate, readCookie } from '../../../mocks/enneo/auth.ts';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import type { ApiError } from '../../../src/http/errors.ts';
import { NOW, SECRET, SESSION, signToken, unsignedToken } from './helpers.ts';

const creds = DEFAULT_CREDENTIALS.enneo;

async function failure(headers: { authorization?: string; cookie?: string }): Promise<ApiError> {
  try {
    await authenticate(headers, creds, NOW);
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected authentication to fail');
}

describe('Enneo authentication', () => {
  it('accepts the default token as user 1 with reportingPersonalData', async () => {
    const token = await defaultEnneoToken(SECRET);
    await expect(authenticate({ authorization: `Bearer ${token}` }, creds, NOW)).resolves.toEqual({
      userId: 1,
      permissions: ['reportingPersonalData'],
      via: 'bearer',
    });
  });

  it('reads the user from sub when userId is absent and accepts a lower-case scheme', async () => {
    const token = await signToken({ sub: '42', permissions: [] });
    await expect(authenticate({ authorization: `bearer ${token}` }, creds, NOW)).resolves.toEqual({
      userId: 42,
      permissions: [],
      via: 'bearer',
    });
  });

  it('accepts the configured connect.sid cookie among others, percent-encoded or not', async () => {
    const expected = { userId: 1, permissions: ['reportingPersonalData'], via: 'cookie' };
    await expect(authenticate({ cookie: `a=b; connect.sid=${SESSION}; c=d` }, creds, NOW)).resolves.toEqual(
      expected,
    );
    expect(readCookie(`x=1;connect.sid=${encodeURIComponent('s:abc.def/+=')}`, 'connect.sid')).toBe(
      's:abc.def/+=',
    );
    expect(readCookie('connect.sid="quoted"', 'connect.sid')).toBe('quoted');
    expect(readCookie('connect.sid=100%', 'connect.sid')).toBe('100%');
    expect(readCookie('other=1', 'connect.sid')).toBeUndefined();
  });

  const cases: [string, () => Promise<{ authorization?: string; cookie?: string }>, RegExp][] = [
    ['nothing sent', async () => ({}), /authentication required/],
    ['another scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), /must use the Bearer scheme/],
    ['Bearer without a token', async () => ({ authorization: 'Bearer' }), /no token after "Bearer"/],
    ['a token that is not a JWT', async () => ({ authorization: 'Bearer x' }), /not a well-formed JWT/],
    [
      'a wrong signature',
      async () => ({ authorization: `Bearer ${await signToken({ sub: '1' }, { secret: 'wrong' })}` }),
      /signature does not verify/,
    ],
    [
      'an expired token',
      async () => ({
        authorization: `Bearer ${await mintEnneoToken(SECRET, { expiresIn: 60, now: NOW - 61_000 })}`,
      }),
      /expired at 2024-06-01T11:59:59Z/,
    ],
    [
      'a token not valid yet',
      async () => ({ authorization: `Bearer ${await signToken({ sub: '1', nbf: NOW / 1000 + 60 })}` }),
      /not valid yet: not before 2024-06-01T12:01:00Z/,
    ],
    [
      'an unsigned alg none token',
      async () => ({ authorization: `Bearer ${unsignedToken({ sub: '1', userId: 1 })}` }),
      /unsigned \(alg "none"\)/,
    ],
    [
      'an HS512 token signed with the right secret',
      async () => ({ authorization: `Bearer ${await signToken({ sub: '1' }, { alg: 'HS512' })}` }),
      /alg "HS512"; only HS256/,
    ],
    [
      'a token without a user',
      async () => ({ authorization: `Bearer ${await signToken({ permissions: [] })}` }),
      /names no user/,
    ],
    [
      'permissions that are not strings',
      async () => ({ authorization: `Bearer ${await signToken({ sub: '1', permissions: 'all' })}` }),
      /"permissions" claim must be an array of strings/,
    ],
    [
      'a non-numeric exp claim',
      async () => ({ authorization: `Bearer ${await signToken({ sub: '1', exp: 'never' })}` }),
      /invalid "exp" claim/,
    ],
    [
      'a wrong cookie',
      async () => ({ cookie: 'connect.sid=guess' }),
      /connect.sid session is not a valid session/,
    ],
    [
      'a bad header even with a good cookie',
      async () => ({ authorization: 'Bearer x', cookie: `connect.sid=${SESSION}` }),
      /not a well-formed JWT/,
    ],
  ];

  it.each(cases)('refuses %s with 403 FORBIDDEN saying why', async (_name, headers, why) => {
    const err = await failure(await headers());
    expect(err.status).toBe(403);
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toMatch(why);
  });

  it('a token expires exactly at exp and is valid one second before', async () => {
    const token = await mintEnneoToken(SECRET, { expiresIn: 60, now: NOW - 60_000 });
    expect((await failure({ authorization: `Bearer ${token}` })).message).toMatch(/expired/);
    await expect(
      authenticate({ authorization: `Bearer ${token}` }, creds, NOW - 1000),
    ).resolves.toMatchObject({
      userId: 1,
    });
  });
});
