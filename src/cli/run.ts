/**
 * The CLI program: commander with every command found in ./commands/, usage errors as one line
 * and exit status 2, other known failures (CliError) as one line with their own status.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { CliError, USAGE_EXIT } from './cli-error.ts';
import type { CliCommand, CliContext } from './context.ts';

const COMMANDS_DIR = new URL('./commands/', import.meta.url);
/**
 * `.ts` when running from sources (tsx, vitest), `.js` from the compiled package: the commands
 * have the extension this module has. (dist/ also holds `.d.ts` and `.js.map` files; skip them.)
 */
const MODULE_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Every module in ./commands/, by file name: adding a command is adding a file. */
async function loadCommands(): Promise<CliCommand[]> {
  const files = readdirSync(fileURLToPath(COMMANDS_DIR))
    .filter((f) => f.endsWith(MODULE_EXT) && !f.endsWith('.d.ts'))
    .sort();
  const modules = await Promise.all(
    files.map(async (f) => (await import(new URL(f, COMMANDS_DIR).href)) as { command?: CliCommand }),
  );
  return modules.flatMap((m, i) => {
    if (!m.command) throw new Error(`src/cli/commands/${files[i]} exports no \`command\``);
    return [m.command];
  });
}

/** Builds the program with its commands registered. */
export async function buildProgram(ctx: CliContext): Promise<Command> {
  const program = new Command('standin')
    .description(
      'Faithful stand-ins for the Enneo, VoIPcube and Autozod activity APIs, on one port, from one seeded world.',
    )
    .version(ctx.version, '-v, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.logger.out(s.replace(/\n$/, '')),
      writeErr: (s) => ctx.logger.err(s.replace(/\n$/, '')),
    });
  for (const command of await loadCommands()) command.register(program, ctx);
  return program;
}

/**
 * Runs the CLI with `argv` (the arguments after `standin`).
 * @returns the exit status: 0, 2 for a usage error, or what the command set.
 */
export async function runCli(argv: string[], ctx: Omit<CliContext, 'setExitCode'>): Promise<number> {
  let exitCode = 0;
  const tracked: CliContext = {
    ...ctx,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = await buildProgram(tracked);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : USAGE_EXIT;
    if (err instanceof CliError) {
      ctx.logger.err(err.message);
      return err.exitCode;
    }
    throw err;
  }
}
