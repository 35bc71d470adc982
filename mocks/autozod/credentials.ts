/** The bearer token Autozod accepts, its development default, and what a client sends. */
import type { CredentialOption } from '../../src/core/types.ts';

export interface AutozodCredentials {
  token: string;
}

export interface AutozodClientCredentials extends Record<string, string> {
  token: string;
}

export const AUTOZOD_DEV_CREDENTIALS: AutozodCredentials = { token: 'standin-autozod-dev-token' };

export const AUTOZOD_CREDENTIAL_OPTIONS: readonly CredentialOption<AutozodCredentials>[] = [
  {
    field: 'token',
    flag: '--autozod-token',
    placeholder: 'token',
    env: 'STANDIN_AUTOZOD_TOKEN',
    description: 'bearer token Autozod accepts',
    kind: 'header',
  },
];

export async function autozodClientCredentials(
  credentials: AutozodCredentials,
): Promise<AutozodClientCredentials> {
  return { token: credentials.token };
}
