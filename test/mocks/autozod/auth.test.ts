import { describe, expect, it } from 'vitest';
import { checkBearer } from '../../../mocks/autozod/auth.ts';

const TOKEN = 'standin-autozod-dev-token';

function message(header: string | undefined): string | undefined {
  try {
    checkBearer(header, TOKEN);
    return undefined;
  } catch (err) {
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    return (err as Error).message;
  }
}

describe('checkBearer', () => {
  it('accepts the configured token, whatever the scheme case', () => {
    expect(message(`Bearer ${TOKEN}`)).toBeUndefined();
    expect(message(`bearer ${TOKEN}`)).toBeUndefined();
    expect(message(`BEARER  ${TOKEN} `)).toBeUndefined();
  });

  it.each([
    [undefined, 'a bearer token is required in the Authorization header'],
    ['', 'a bearer token is required in the Authorization header'],
    ['   ', 'a bearer token is required in the Authorization header'],
    [TOKEN, 'the Authorization header must be "Bearer <token>"'],
    ['Bearer', 'the Authorization header must be "Bearer <token>"'],
    [`Basic ${TOKEN}`, 'the Authorization header must be "Bearer <token>"'],
    [`Bearer ${TOKEN} extra`, 'the Authorization header must be "Bearer <token>"'],
    [`Bearer ${TOKEN}x`, 'the bearer token is not valid'],
    [`Bearer ${TOKEN.toUpperCase()}`, 'the bearer token is not valid'],
    ['Bearer x', 'the bearer token is not valid'],
  ])('refuses %j: %s', (header, text) => {
    expect(message(header)).toBe(text);
  });
});
