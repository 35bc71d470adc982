/** The credentials Enneo accepts, their development defaults, and what a client sends. */
import type { CredentialOption } from '../../src/core/types.ts';
import { defaultEnneoToken } from './token.ts';

export interface EnneoCredentials {
  /** HS256 secret that signs and verifies Enneo JWTs. */
  jwtSecret: string;
  /** The value of the `connect.sid` cookie the mock accepts. */
  sessionId: string;
}

/** What an Enneo client sends: a JWT for `Authorization: Bearer`, or the session cookie. */
export interface EnneoClientCredentials extends Record<string, string> {
  token: string;
  cookie: string;
}

export const ENNEO_DEV_CREDENTIALS: EnneoCredentials = {
  jwtSecret: 'standin-enneo-development-secret',
  sessionId: 'standin-enneo-dev-session',
};

export const ENNEO_CREDENTIAL_OPTIONS: readonly CredentialOption<EnneoCredentials>[] = [
  {
    field: 'jwtSecret',
    flag: '--enneo-secret',
    placeholder: 'secret',
    env: 'STANDIN_ENNEO_SECRET',
    description: 'HS256 secret that signs Enneo JWTs',
    kind: 'secret',
  },
  {
    field: 'sessionId',
    flag: '--enneo-session',
    placeholder: 'id',
    env: 'STANDIN_ENNEO_SESSION',
    description: 'value of the connect.sid cookie Enneo accepts',
    kind: 'header',
  },
];

/** The deterministic development JWT (same secret, same string) and the session cookie. */
export async function enneoClientCredentials(credentials: EnneoCredentials): Promise<EnneoClientCredentials> {
  return {
    token: await defaultEnneoToken(credentials.jwtSecret),
    cookie: `connect.sid=${credentials.sessionId}`,
  };
}
