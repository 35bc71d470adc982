#!/usr/bin/env node
/**
 * The installed `standin` executable (package.json `bin`, compiled to dist/src/cli/bin.js). main.ts
 * is imported, not linked statically, so that a module missing from the installation is reported
 * like any internal failure — one line, exit 70 — rather than as Node's stack trace and exit 1.
 */
import { INTERNAL_EXIT, internalErrorText } from './cli-error.ts';

try {
  await import('./main.ts');
} catch (err) {
  process.stderr.write(`${internalErrorText(err, Boolean(process.env.STANDIN_DEBUG))}\n`);
  process.exitCode = INTERNAL_EXIT;
}
