/**
 * What every command gets: where to write, what stops it, the clock, and how to register.
 * A command is one file under src/cli/commands/ exporting `command`; the CLI finds it there.
 */
import type { Command } from 'commander';
import type { Logger } from './logger.ts';
import type { SignalSource } from './server.ts';

export interface CliContext {
  logger: Logger;
  /** Stop signals (the process's in main.ts). */
  signals: SignalSource;
  /** Wall clock (ms), for `--anchor now` and token `iat`. */
  now: () => number;
  /** standin's version, from package.json. */
  version: string;
  /** Sets the exit status the CLI ends with (0 unless a command says otherwise). */
  setExitCode(code: number): void;
}

/** One subcommand. */
export interface CliCommand {
  /** Adds the subcommand (with its options and action) to the program. */
  register(program: Command, ctx: CliContext): void;
}
