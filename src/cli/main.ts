/** The `standin` executable (bin/standin.js imports this): the process's streams, signals and clock. */
import { readFileSync } from 'node:fs';
import { createLogger } from './logger.ts';
import { runCli } from './run.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

process.exitCode = await runCli(process.argv.slice(2), {
  logger: createLogger(process.stdout, process.stderr),
  signals: process,
  now: Date.now,
  version: pkg.version,
});
