/**
 * Credentials the mock accepts. The defaults are well-known development values, printed in the
 * start-up banner and by `standin credentials --json`; flags and env override them in the CLI.
 */
export interface Credentials {
  enneo: {
    /** HS256 secret that signs and verifies Enneo JWTs. */
    jwtSecret: string;
    /** The value of the `connect.sid` cookie the mock accepts. */
    sessionId: string;
  };
  voipcube: { key: string };
  autozod: { token: string };
}

export const DEFAULT_CREDENTIALS: Credentials = {
  enneo: { jwtSecret: 'standin-enneo-development-secret', sessionId: 'standin-enneo-dev-session' },
  voipcube: { key: 'standin-voipcube-dev-key' },
  autozod: { token: 'standin-autozod-dev-token' },
};

/** Shows enough of a secret to recognise it, never the whole: `stan…(24 chars)`. */
export function redact(secret: string): string {
  if (secret.length <= 8) return '***';
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}
