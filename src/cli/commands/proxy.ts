/**
 * `standin proxy --vendor V --target URL`: a validating, recording proxy in front of a vendor's
 * server (the real one in staging, or standin). Clients use the proxy's URL as the vendor's base
 * URL; every answer comes back unchanged plus `Standin-Violations: <count>`. Ctrl-C / SIGTERM
 * writes the report (verify's reporters) and exits 0 (clean), 1 (a violation seen) or 2 (the
 * target answered nothing).
 */
import { InvalidArgumentError, Option } from 'commander';
import { CONTRACT_VENDORS } from '../../contract/contract-path.ts';
import type { ContractVendor } from '../../contract/loader.ts';
import type { PrivacyExpectation } from '../../contract/suite/types.ts';
import { PRIVACY_EXPECTATIONS } from '../../contract/suite/types.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand, CliContext } from '../context.ts';
import { parseHost, parsePort } from '../options.ts';

interface ProxyFlags {
  vendor: ContractVendor;
  target: string;
  port: number;
  host: string;
  record?: string;
  expectPrivacy?: PrivacyExpectation;
  strict?: boolean;
  reporter: 'console' | 'junit' | 'json';
  output?: string;
}

function parseTarget(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(
      '--target must be an absolute http(s) URL, the vendor base URL, e.g. http://localhost:4010/voipcube',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('--target must use http or https.');
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError('--target must not carry credentials; the clients send their own.');
  }
  return value;
}

function listenFailure(err: NodeJS.ErrnoException, flags: ProxyFlags): CliError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${flags.port} is already in use on ${flags.host} (try --port)`);
    case 'EACCES':
      return new CliError(
        `not allowed to listen on port ${flags.port} on ${flags.host} (try a --port above 1023)`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CliError(`${flags.host} is not an address of this machine (check --host)`);
    default:
      return new CliError(`cannot listen on ${flags.host}:${flags.port}: ${err.message}`);
  }
}

async function proxy(flags: ProxyFlags, ctx: CliContext): Promise<void> {
  // Imported here: the checks bring ajv, the OpenAPI parser and exceljs, which --help never needs.
  const { startProxy } = await import('../../proxy/server.ts');
  const { deliverReport } = await import('../../contract/exchange/report.ts');
  let running: Awaited<ReturnType<typeof startProxy>>;
  try {
    running = await startProxy({
      vendor: flags.vendor,
      target: flags.target,
      port: flags.port,
      host: flags.host,
      strict: Boolean(flags.strict),
      version: ctx.version,
      ...(flags.record !== undefined ? { record: flags.record } : {}),
      ...(flags.expectPrivacy !== undefined ? { expectPrivacy: flags.expectPrivacy } : {}),
      // One line per exchange on stderr: stdout stays the report's.
      onExchange: (e) =>
        ctx.logger.err(
          `#${e.id} ${e.method} ${e.path} → ${e.status ?? 'no answer'}: ${e.violations.length} violation(s)${e.warnings.length ? `, ${e.warnings.length} warning(s)` : ''}${e.violations.length ? ` — ${e.violations.map((v) => `${v.check}: ${v.message}`).join('; ')}` : ''}`,
        ),
      onWarning: (message) => ctx.logger.err(`standin proxy: ${message}`),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw listenFailure(err as NodeJS.ErrnoException, flags);
    throw err;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const once = (s: NodeJS.Signals) => {
      ctx.signals.off('SIGINT', once);
      ctx.signals.off('SIGTERM', once);
      resolve(s);
    };
    ctx.signals.on('SIGINT', once);
    ctx.signals.on('SIGTERM', once);
    ctx.logger.err(
      `standin proxy: ${flags.vendor} at ${new URL(flags.target).href} through ${running.url} (exchanges at ${running.url}/__standin/requests${flags.record ? `, recording to ${flags.record}` : ''}); Ctrl-C writes the report`,
    );
  });
  ctx.logger.err(`${signal}: finishing the exchanges in flight`);
  const report = await running.close();
  await deliverReport(
    report,
    { reporter: flags.reporter, output: flags.output, command: 'standin proxy' },
    ctx.logger,
  );
  ctx.setExitCode(report.exitCode);
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('proxy')
      .description("judge a vendor server's answers to your own client: a validating, recording proxy")
      .addOption(
        new Option('--vendor <vendor>', 'which contract to judge by')
          .choices(CONTRACT_VENDORS)
          .makeOptionMandatory(),
      )
      .requiredOption(
        '--target <url>',
        "the vendor's base URL to forward to, e.g. https://customer.voipcube.nl or http://localhost:4010/voipcube",
        parseTarget,
      )
      .addOption(
        new Option('--port <number>', 'port to listen on (0 picks a free one)')
          .argParser(parsePort)
          .default(4020),
      )
      .addOption(
        new Option('--host <address>', 'address to listen on').argParser(parseHost).default('127.0.0.1'),
      )
      .option('--record <file.har>', 'write every exchange to this HAR 1.2 file (credentials redacted)')
      .addOption(
        new Option(
          '--expect-privacy <level>',
          'Enneo: the reportingPrivacyLevel the server is set to',
        ).choices(PRIVACY_EXPECTATIONS),
      )
      .option('--strict', 'assumed behaviour counts as a violation, not a warning (use in front of standin)')
      .addOption(
        new Option('--reporter <name>', 'report format')
          .choices(['console', 'junit', 'json'])
          .default('console'),
      )
      .option('--output <file>', 'write the report to a file instead of stdout')
      .action((flags: ProxyFlags) => proxy(flags, ctx));
  },
};
