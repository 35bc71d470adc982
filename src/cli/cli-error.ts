/** Exit status for a usage error: a bad flag, a bad value, a port in use. */
export const USAGE_EXIT = 2;

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
