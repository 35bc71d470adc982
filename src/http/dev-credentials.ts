/**
 * The credentials a client uses against the mock, derived from the credentials it accepts: the
 * shape of `standin credentials --json`, and the headers each vendor expects them in.
 */
import { defaultEnneoToken } from '../../mocks/enneo/token.ts';
import { type Credentials, DEFAULT_CREDENTIALS } from '../config/credentials.ts';
import type { DocsCredentials } from './openapi-json.ts';
import type { VendorName } from './vendor.ts';

/** How each vendor is called in the docs, the banner and `standin credentials`. */
export const VENDOR_TITLES: Record<VendorName, string> = {
  enneo: 'Enneo',
  voipcube: 'VoIPcube',
  autozod: 'Autozod',
};

/** Credentials given at start-up: any subset of DEFAULT_CREDENTIALS, per vendor. */
export type CredentialOverrides = { [V in keyof Credentials]?: Partial<Credentials[V]> };

/** The full credentials for some overrides: DEFAULT_CREDENTIALS with the overrides applied. */
export function resolveCredentials(overrides: CredentialOverrides = {}): Credentials {
  return {
    enneo: { ...DEFAULT_CREDENTIALS.enneo, ...overrides.enneo },
    voipcube: { ...DEFAULT_CREDENTIALS.voipcube, ...overrides.voipcube },
    autozod: { ...DEFAULT_CREDENTIALS.autozod, ...overrides.autozod },
  };
}

/** Exactly the JSON `standin credentials --json` prints. */
export interface ClientCredentials {
  enneo: { token: string; cookie: string };
  voipcube: { key: string };
  autozod: { token: string };
}

/**
 * The working client credentials for a server that accepts `credentials`. The Enneo token is
 * the deterministic development JWT, so every call yields the same string.
 */
export async function clientCredentials(credentials: Credentials): Promise<ClientCredentials> {
  return {
    enneo: {
      token: await defaultEnneoToken(credentials.enneo.jwtSecret),
      cookie: `connect.sid=${credentials.enneo.sessionId}`,
    },
    voipcube: { key: credentials.voipcube.key },
    autozod: { token: credentials.autozod.token },
  };
}

/** The request headers that authenticate with one vendor, each alone sufficient. */
export function credentialHeaders(
  client: ClientCredentials,
  vendor: VendorName,
): { name: string; value: string }[] {
  switch (vendor) {
    case 'enneo':
      return [
        { name: 'Authorization', value: `Bearer ${client.enneo.token}` },
        { name: 'Cookie', value: client.enneo.cookie },
      ];
    case 'voipcube':
      return [{ name: 'Key', value: client.voipcube.key }];
    case 'autozod':
      return [{ name: 'Authorization', value: `Bearer ${client.autozod.token}` }];
  }
}

/** What a vendor's interactive docs are pre-authorised with. */
export function docsCredentials(client: ClientCredentials, vendor: VendorName): DocsCredentials {
  switch (vendor) {
    case 'enneo':
      return { bearer: client.enneo.token };
    case 'voipcube':
      return { headerKey: client.voipcube.key };
    case 'autozod':
      return { bearer: client.autozod.token };
  }
}
