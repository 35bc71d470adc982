/** Exit status for a usage error: a bad flag, a bad value, a port in use. */
export const USAGE_EXIT = 2;

/**
 * Exit status when standin itself failed (a bug, a missing module, a crash): 70, sysexits'
 * EX_SOFTWARE. No verdict uses it — `verify` exits 0, 1 or 2 — so CI never reads a crash as a result.
 */
export const INTERNAL_EXIT = 70;

/**
 * An error the CLI reports as one line (its message, no stack) before exiting with `exitCode`.
 * Anything else thrown is a bug and keeps its stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = USAGE_EXIT,
  ) {
    super(message);
  }
}

/**
 * The one line printed for an internal failure. The stack follows only when STANDIN_DEBUG is set:
 * a user needs to know that standin broke, not where.
 */
export function internalErrorText(err: unknown, debug: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  const line = `standin: internal error, not a verdict (exit ${INTERNAL_EXIT}): ${message.split('\n')[0]}`;
  const stack = err instanceof Error ? err.stack : undefined;
  return debug && stack ? `${line}\n${stack}` : `${line} (STANDIN_DEBUG=1 shows the stack)`;
}
