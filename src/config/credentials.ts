/**
 * Credentials the mock accepts. The defaults are well-known development values (each vendor's
 * descriptor holds its own), printed in the start-up banner and by `standin credentials --json`;
 * flags and env override them in the CLI.
 */
export type { Credentials } from '../core/registry.ts';
export { DEFAULT_CREDENTIALS } from '../core/registry.ts';

/** Shows enough of a secret to recognise it, never the whole: `stan…(24 chars)`. */
export function redact(secret: string): string {
  if (secret.length <= 8) return '***';
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}
