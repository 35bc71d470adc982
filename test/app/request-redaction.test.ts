import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/http/request-redaction.ts';

const redactor = createRedactor(['super-secret-value', 'short']);

describe('createRedactor', () => {
  it('keeps the scheme of Authorization and the names of cookies, hiding the values', () => {
    expect(
      redactor.headers({
        authorization: 'Bearer abcdefghijklmnop',
        cookie: 'connect.sid=s%3Aabc.def; lang=en',
        accept: 'application/json',
      }),
    ).toEqual({
      authorization: 'Bearer abcd…(16 chars)',
      cookie: 'connect.sid=s%3A…(11 chars); lang=***',
      accept: 'application/json',
    });
  });

  it('hides any header whose name says credential', () => {
    expect(
      redactor.headers({
        key: 'k-123456789',
        'x-api-key': 'k-123456789',
        'x-auth-token': 'k-123456789',
        'x-session-id': 'k-123456789',
        'x-request-id': 'k-123456789',
      }),
    ).toEqual({
      key: 'k-12…(11 chars)',
      'x-api-key': 'k-12…(11 chars)',
      'x-auth-token': 'k-12…(11 chars)',
      'x-session-id': 'k-12…(11 chars)',
      'x-request-id': 'k-123456789',
    });
  });

  it('finds known secrets and JWTs anywhere in text, also percent-encoded', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.e30.VlsckaVYpi4JDmfwLLDWF8I49u3ms0j9p9OD_rVwRuo';
    expect(redactor.text(`/a/super-secret-value/b?${jwt}`)).toBe(
      `/a/supe…(18 chars)/b?eyJh…(${jwt.length} chars)`,
    );
    expect(redactor.text('x short y')).toBe('x *** y');
  });

  it('redacts credential-like query parameters and keeps a __proto__ key a plain key', () => {
    const out = redactor.query(JSON.parse('{"api_key":"abcdefghijk","page":["1","2"],"__proto__":"x"}'));
    expect(out).toEqual(JSON.parse('{"api_key":"abcd…(11 chars)","page":["1","2"],"__proto__":"x"}'));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
