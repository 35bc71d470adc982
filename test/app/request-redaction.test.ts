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

  it('a value it once kept as it was is still hidden under a credential name, or next to a secret', () => {
    const memo = createRedactor(['super-secret-value']);
    for (let i = 0; i < 3; i++) {
      expect(memo.headers({ 'x-request-id': 'k-123456789' })).toEqual({ 'x-request-id': 'k-123456789' });
      expect(memo.headers({ 'x-api-key': 'k-123456789' })).toEqual({ 'x-api-key': 'k-12…(11 chars)' });
      expect(memo.query({ page: 'k-123456789', api_key: 'k-123456789' })).toEqual({
        page: 'k-123456789',
        api_key: 'k-12…(11 chars)',
      });
      expect(memo.text('/a/b')).toBe('/a/b');
      expect(memo.text('/a/b/super-secret-value')).toBe('/a/b/supe…(18 chars)');
    }
  });

  it('keeps redacting correctly past the number of texts it remembers', () => {
    const memo = createRedactor(['super-secret-value']);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.e30.VlsckaVYpi4JDmfwLLDWF8I49u3ms0j9p9OD_rVwRuo';
    for (let i = 0; i < 5000; i++) {
      expect(memo.text(`/page/${i}`)).toBe(`/page/${i}`);
      if (i % 997 === 0) {
        expect(memo.text(`/page/${i}/super-secret-value`)).toBe(`/page/${i}/supe…(18 chars)`);
        expect(memo.text(`${i} ${jwt}`)).toBe(`${i} eyJh…(${jwt.length} chars)`);
      }
    }
    const long = `${'x'.repeat(300)}super-secret-value`;
    expect(memo.text(long)).toBe(`${'x'.repeat(300)}supe…(18 chars)`);
    expect(memo.text('x'.repeat(300))).toBe('x'.repeat(300));
  });
});
