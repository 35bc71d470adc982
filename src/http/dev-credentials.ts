/**
 * The credentials a client uses against the mock, derived from the credentials it accepts: the
 * shape of `standin credentials --json`, and the headers each vendor expects them in. Every
 * vendor detail comes from its descriptor's auth schemes.
 */
import {
  type ClientCredentials,
  type Credentials,
  DEFAULT_CREDENTIALS,
  VENDOR_DESCRIPTORS,
  VENDOR_TITLES,
  type VendorName,
  vendorDescriptor,
} from '../core/registry.ts';
import type { AuthScheme } from '../core/types.ts';
import type { DocsCredentials } from './openapi-json.ts';

export type { ClientCredentials } from '../core/registry.ts';
export { VENDOR_TITLES };

/** Credentials given at start-up: any subset of DEFAULT_CREDENTIALS, per vendor. */
export type CredentialOverrides = { [V in keyof Credentials]?: Partial<Credentials[V]> };

/** The full credentials for some overrides: DEFAULT_CREDENTIALS with the overrides applied. */
export function resolveCredentials(overrides: CredentialOverrides = {}): Credentials {
  return Object.fromEntries(
    VENDOR_DESCRIPTORS.map((d) => [d.name, { ...DEFAULT_CREDENTIALS[d.name], ...overrides[d.name] }]),
  ) as Credentials;
}

/**
 * The working client credentials for a server that accepts `credentials`. The Enneo token is
 * the deterministic development JWT, so every call yields the same string.
 */
export async function clientCredentials(credentials: Credentials): Promise<ClientCredentials> {
  const entries = await Promise.all(
    VENDOR_DESCRIPTORS.map(async (d) => {
      const auth = d.auth as { clientCredentials(c: object): Promise<Record<string, string>> };
      return [d.name, await auth.clientCredentials(credentials[d.name])] as const;
    }),
  );
  return Object.fromEntries(entries) as ClientCredentials;
}

/** The request header that carries `value` under `scheme`. */
function schemeHeader(scheme: AuthScheme, value: string): { name: string; value: string } {
  switch (scheme.type) {
    case 'bearer':
      return { name: 'Authorization', value: `Bearer ${value}` };
    case 'header':
      return { name: scheme.name, value };
    case 'cookie':
      return { name: 'Cookie', value };
  }
}

/** The request headers that authenticate with one vendor, each alone sufficient. */
export function credentialHeaders(
  client: ClientCredentials,
  vendor: VendorName,
): { name: string; value: string }[] {
  const values = client[vendor] as Record<string, string>;
  return vendorDescriptor(vendor).auth.schemes.map((scheme) => schemeHeader(scheme, values[scheme.client]!));
}

/** What a vendor's interactive docs are pre-authorised with (browsers cannot set cookies). */
export function docsCredentials(client: ClientCredentials, vendor: VendorName): DocsCredentials {
  const values = client[vendor] as Record<string, string>;
  const out: DocsCredentials = {};
  for (const scheme of vendorDescriptor(vendor).auth.schemes) {
    if (scheme.type === 'bearer') out.bearer ??= values[scheme.client];
    if (scheme.type === 'header') out.headerKey ??= values[scheme.client];
  }
  return out;
}

/**
 * The header that carries the first credential given, by the vendor's schemes in order: what a
 * client with some of a vendor's credentials sends (the contract suite's targets). A cookie value
 * without `name=` is sent as that scheme's cookie.
 * @example firstCredentialHeader('enneo', { cookie: 'abc' }) // { cookie: 'connect.sid=abc' }
 */
export function firstCredentialHeader(
  vendor: VendorName,
  values: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  for (const scheme of vendorDescriptor(vendor).auth.schemes) {
    const value = values[scheme.client];
    if (!value) continue;
    if (scheme.type === 'cookie') {
      return { cookie: value.includes('=') ? value : `${scheme.name}=${value}` };
    }
    const header = schemeHeader(scheme, value);
    return { [header.name.toLowerCase()]: header.value };
  }
  return {};
}
