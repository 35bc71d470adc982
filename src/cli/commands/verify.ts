/**
 * `standin verify --vendor V --base-url URL`: runs the contract suite against any server, the
 * real vendor or standin, with a progress line per check on stderr, and exits 0 (no failure), 1
 * (a contract failure) or 2 (bad usage, or a target that could not be checked at all: unreachable,
 * credentials refused, no endpoint answering).
 */
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, Option } from 'commander';
import type { VerifyOptions } from '../../api/verify.ts';
import { CONTRACT_VENDORS } from '../../contract/contract-path.ts';
import type { CheckName, SuiteOptions, SuiteVendor, Target } from '../../contract/suite/types.ts';
import { CHECKS, PRIVACY_EXPECTATIONS } from '../../contract/suite/types.ts';
import { CliError } from '../cli-error.ts';
import type { CliCommand } from '../context.ts';

/**
 * The parsed flags: runVerify's options (one list, documented there) with the CLI's defaults
 * filled in, and where the report goes.
 */
export interface VerifyFlags extends Omit<VerifyOptions, 'maxRequests' | 'timeout' | 'seed'> {
  reporter: 'console' | 'junit' | 'json';
  output?: string;
  maxRequests: number;
  timeout: number;
  seed: number;
}

/** `--check <name>`, repeatable: each a check name, collected in order, once each. */
function collectCheck(value: string, previous: CheckName[] | undefined): CheckName[] {
  if (!(CHECKS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`--check must be one of ${CHECKS.join(', ')}.`);
  }
  const list = previous ?? [];
  return list.includes(value as CheckName) ? list : [...list, value as CheckName];
}

export const positive = (flag: string, max: number) => (value: string) => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= 1 && n <= max)) {
    throw new InvalidArgumentError(`${flag} must be a whole number from 1 to ${max}.`);
  }
  return n;
};

export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(
      '--base-url must be an absolute http(s) URL, e.g. http://localhost:4010/voipcube',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError('--base-url must use http or https.');
  }
  if (url.username || url.password) {
    throw new InvalidArgumentError('--base-url must not carry credentials; use --token, --cookie or --key.');
  }
  return value;
}

/** `20`, `20/s`: requests per second; 0 = as fast as the server answers. */
export function parseRate(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(value.trim());
  const n = match ? Number(match[1]) : Number.NaN;
  if (!(Number.isFinite(n) && n >= 0 && n <= 10_000)) {
    throw new InvalidArgumentError(
      '--rate must be a number of requests per second, e.g. 20/s (0 = unbounded).',
    );
  }
  return n;
}

/** The credentials the vendor takes, from flags first, then the vendor's env variables. */
function credentialsFor(
  flags: Pick<VerifyFlags, 'vendor' | 'token' | 'cookie' | 'key'>,
  env: NodeJS.ProcessEnv,
): Target['credentials'] {
  switch (flags.vendor) {
    case 'enneo':
      return { token: flags.token ?? env.ENNEO_TOKEN, cookie: flags.cookie ?? env.ENNEO_COOKIE };
    case 'voipcube':
      return { key: flags.key ?? env.VOIPCUBE_KEY };
    case 'autozod':
      return { token: flags.token ?? env.AUTOZOD_TOKEN };
  }
}

const NEEDED: Record<SuiteVendor, string> = {
  enneo: '--token (or ENNEO_TOKEN) or --cookie (or ENNEO_COOKIE)',
  voipcube: '--key (or VOIPCUBE_KEY)',
  autozod: '--token (or AUTOZOD_TOKEN)',
};

/**
 * The suite's options from the parsed flags (the CLI's and the public `runVerify`'s), credentials
 * from the flags first, then `env`.
 * @throws CliError when the vendor's credentials are missing.
 */
export function suiteOptionsFor(
  flags: Omit<VerifyFlags, 'reporter' | 'output'>,
  env: NodeJS.ProcessEnv,
  defaultRate: (baseUrl: string) => number,
): SuiteOptions {
  const credentials = credentialsFor(flags, env);
  if (!Object.values(credentials).some(Boolean)) {
    throw new CliError(`verify --vendor ${flags.vendor} needs credentials: ${NEEDED[flags.vendor]}.`);
  }
  const target: Target = {
    vendor: flags.vendor,
    baseUrl: flags.baseUrl,
    credentials,
    ids: { ticketId: flags.ticketId, teamId: flags.teamId, agentId: flags.agentId, userId: flags.userId },
    expectPrivacy: flags.expectPrivacy,
  };
  return {
    target,
    strict: Boolean(flags.strict),
    maxRequests: flags.maxRequests,
    ratePerSecond: flags.rate ?? defaultRate(flags.baseUrl),
    timeoutMs: flags.timeout,
    seed: flags.seed,
    ...(flags.check ? { checks: flags.check } : {}),
  };
}

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('verify')
      .description('check a server (the real vendor or standin) against the vendor contract')
      .addOption(
        new Option('--vendor <vendor>', 'which contract to check')
          .choices(CONTRACT_VENDORS)
          .makeOptionMandatory(),
      )
      .requiredOption(
        '--base-url <url>',
        "the vendor's base URL, e.g. http://localhost:4010/voipcube",
        parseBaseUrl,
      )
      .option('--token <token>', 'Enneo JWT (ENNEO_TOKEN) or Autozod bearer token (AUTOZOD_TOKEN)')
      .option('--cookie <cookie>', 'Enneo session cookie, connect.sid=<value> (ENNEO_COOKIE)')
      .option('--key <key>', 'VoIPcube API key (VOIPCUBE_KEY)')
      .option(
        '--ticket-id <id>',
        'Enneo ticket to check (default: discovered from the export)',
        positive('--ticket-id', Number.MAX_SAFE_INTEGER),
      )
      .option('--team-id <id>', "Autozod team (default: the default world's)")
      .option('--agent-id <id>', "Autozod agent (default: the default world's)")
      .option('--user-id <uuid>', 'VoIPcube user (default: discovered from the logs)')
      .addOption(
        new Option(
          '--expect-privacy <level>',
          'Enneo: the reportingPrivacyLevel the server is set to',
        ).choices(PRIVACY_EXPECTATIONS),
      )
      .option('--strict', 'checks of assumed behaviour fail instead of warn (use against standin)')
      .addOption(
        new Option('--reporter <name>', 'report format')
          .choices(['console', 'junit', 'json'])
          .default('console'),
      )
      .option('--output <file>', 'write the report to a file instead of stdout')
      .option(
        '--max-requests <n>',
        'send at most this many requests',
        positive('--max-requests', 1_000_000),
        1000,
      )
      .option(
        '--rate <n/s>',
        'send at most this many requests per second (0 = unbounded; default 20/s, unbounded for a loopback target)',
        parseRate,
      )
      .option(
        '--timeout <ms>',
        'milliseconds for one whole request and answer',
        positive('--timeout', 600_000),
        10_000,
      )
      .option('--seed <n>', 'seed of the generated (robustness) requests', positive('--seed', 2 ** 31 - 1), 1)
      .option('--check <name>', `run only this check (repeatable): ${CHECKS.join(', ')}`, collectCheck)
      .action(async (flags: VerifyFlags) => {
        // Imported here: the suite brings ajv, the OpenAPI parser, exceljs and fast-check.
        const { defaultRate, formatConsole, formatJson, formatJunit, formatProgress, runVerify } =
          await import('../../contract/suite/index.ts');
        const options = suiteOptionsFor(flags, process.env, defaultRate);
        // Progress goes to stderr, and not at all when a machine-readable report takes stdout.
        const quiet = flags.reporter !== 'console' && !flags.output;
        const report = await runVerify({
          ...options,
          ...(quiet ? {} : { onProgress: (event) => ctx.logger.err(formatProgress(event)) }),
        });
        const format = { console: formatConsole, junit: formatJunit, json: formatJson }[flags.reporter];
        const text = format(report);
        if (flags.output) {
          await writeFile(flags.output, text);
          ctx.logger.err(
            `${report.totals.pass} passed, ${report.totals.fail} failed, ${report.totals.warn} warned — report written to ${flags.output}`,
          );
        } else {
          ctx.logger.out(text.replace(/\n$/, ''));
        }
        if (report.fatal) ctx.logger.err(`standin verify: ${report.fatal}`);
        if (flags.output || flags.reporter !== 'console') {
          for (const h of report.hints ?? []) ctx.logger.err(`hint: ${h}`);
        }
        ctx.setExitCode(report.exitCode);
      });
  },
};
