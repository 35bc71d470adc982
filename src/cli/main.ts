/**
 * The `standin` process (bin.ts imports this): the process's streams, signals and clock. A failure
 * that is not a CliError — a bug, a crash in a handler — ends the process with INTERNAL_EXIT and
 * one line, never with a status a verdict uses.
 */
import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.ts';
import { INTERNAL_EXIT, internalErrorText } from './cli-error.ts';
import { stopWithNpm } from './launcher.ts';
import { createLogger } from './logger.ts';
import { runCli } from './run.ts';

const crash = (err: unknown) => {
  process.stderr.write(`${internalErrorText(err, Boolean(process.env.STANDIN_DEBUG))}\n`);
  process.exit(INTERNAL_EXIT);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

stopWithNpm(process);

const pkg = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as {
  version: string;
};

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    logger: createLogger(process.stdout, process.stderr),
    signals: process,
    now: Date.now,
    version: pkg.version,
  });
} catch (err) {
  crash(err);
}
