import { describe, expect, it } from 'vitest';
import { authenticate } from '../../../mocks/voipcube/auth.ts';
import { thrownBy } from './errors-helper.ts';

const KEY = 'standin-voipcube-dev-key';

describe('authenticate', () => {
  it('accepts the configured key', () => {
    expect(() => authenticate(KEY, KEY)).not.toThrow();
  });

  it('refuses a missing or empty key with 401', () => {
    for (const given of [undefined, '']) {
      const err = thrownBy(() => authenticate(given, KEY));
      expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', parameter: undefined });
      expect(err.message).toBe('the API key is missing: send it in the Key header');
    }
  });

  it('refuses a wrong key, a prefix of it and a repeated header with 401', () => {
    for (const given of ['nope', KEY.slice(0, -1), `${KEY} `, `Bearer ${KEY}`, [KEY, KEY]]) {
      const err = thrownBy(() => authenticate(given, KEY));
      expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
      expect(err.message).toBe('the API key in the Key header is not valid');
    }
  });
});
