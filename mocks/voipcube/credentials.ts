/** The API key VoIPcube accepts, its development default, and what a client sends. */
import type { CredentialOption } from '../../src/core/types.ts';

export interface VoipcubeCredentials {
  /** The key the documented `Key` header must carry. */
  key: string;
}

export interface VoipcubeClientCredentials extends Record<string, string> {
  key: string;
}

export const VOIPCUBE_DEV_CREDENTIALS: VoipcubeCredentials = { key: 'standin-voipcube-dev-key' };

export const VOIPCUBE_CREDENTIAL_OPTIONS: readonly CredentialOption<VoipcubeCredentials>[] = [
  {
    field: 'key',
    flag: '--voipcube-key',
    placeholder: 'key',
    env: 'STANDIN_VOIPCUBE_KEY',
    description: 'API key VoIPcube accepts in the Key header',
    kind: 'header',
  },
];

export async function voipcubeClientCredentials(
  credentials: VoipcubeCredentials,
): Promise<VoipcubeClientCredentials> {
  return { key: credentials.key };
}
