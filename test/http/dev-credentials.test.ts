import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import {
  clientCredentials,
  credentialHeaders,
  docsCredentials,
  firstCredentialHeader,
  resolveCredentials,
} from '../../src/http/dev-credentials.ts';

describe('credentials from the vendors’ descriptors', () => {
  it('resolveCredentials applies overrides per vendor and keeps the rest', () => {
    expect(resolveCredentials({ voipcube: { key: 'k' } })).toEqual({
      ...DEFAULT_CREDENTIALS,
      voipcube: { key: 'k' },
    });
  });

  it('every vendor’s headers, each alone sufficient, and what its docs are authorised with', async () => {
    const client = await clientCredentials(resolveCredentials({ autozod: { token: 't' } }));
    expect(credentialHeaders(client, 'enneo')).toEqual([
      { name: 'Authorization', value: `Bearer ${client.enneo.token}` },
      { name: 'Cookie', value: 'connect.sid=standin-enneo-dev-session' },
    ]);
    expect(credentialHeaders(client, 'voipcube')).toEqual([
      { name: 'Key', value: 'standin-voipcube-dev-key' },
    ]);
    expect(credentialHeaders(client, 'autozod')).toEqual([{ name: 'Authorization', value: 'Bearer t' }]);
    expect(docsCredentials(client, 'enneo')).toEqual({ bearer: client.enneo.token });
    expect(docsCredentials(client, 'voipcube')).toEqual({ headerKey: 'standin-voipcube-dev-key' });
  });

  it('firstCredentialHeader sends the first credential given, by the vendor’s schemes', () => {
    expect(firstCredentialHeader('enneo', { token: 'jwt', cookie: 'x' })).toEqual({
      authorization: 'Bearer jwt',
    });
    expect(firstCredentialHeader('enneo', { cookie: 'abc' })).toEqual({ cookie: 'connect.sid=abc' });
    expect(firstCredentialHeader('enneo', { cookie: 'sid=abc' })).toEqual({ cookie: 'sid=abc' });
    expect(firstCredentialHeader('voipcube', { key: 'k' })).toEqual({ key: 'k' });
    expect(firstCredentialHeader('autozod', { key: 'k' })).toEqual({});
  });
});
