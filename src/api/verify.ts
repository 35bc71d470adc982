/**
 * `runVerify(options)`: `standin verify` without a process — the same checks, the report that
 * `--reporter json` prints plus a summary, and never an exit. Options are the CLI's flags in
 * camelCase, checked by the CLI's own parsers; unlike the CLI, no credential is read from the
 * environment (nothing below the CLI reads process.env).
 */
import {
  parseBaseUrl,
  parseRate,
  positive,
  suiteOptionsFor,
  type VerifyFlags,
} from '../cli/commands/verify.ts';
import { CONTRACT_VENDORS } from '../contract/contract-path.ts';
import type { CheckResult } from '../contract/suite/reporters/summary.ts';
import type { CheckName, PrivacyExpectation, Report, SuiteVendor } from '../contract/suite/types.ts';
import { CHECKS, PRIVACY_EXPECTATIONS } from '../contract/suite/types.ts';
import { checked, knownOptions, oneOf } from './option-check.ts';

/** The `verify` flags in camelCase. `vendor`, `baseUrl` and the vendor's credential are required. */
export interface VerifyOptions {
  vendor: SuiteVendor;
  /** The vendor's base URL, e.g. `http://127.0.0.1:4010/voipcube`. */
  baseUrl: string;
  /** Enneo JWT or Autozod bearer token. */
  token?: string;
  /** Enneo session cookie, `connect.sid=<value>`. */
  cookie?: string;
  /** VoIPcube API key. */
  key?: string;
  /** Enneo ticket to check (default: discovered from the export). */
  ticketId?: number;
  /** Autozod team and agent (default: the default world's). */
  teamId?: string;
  agentId?: string;
  /** VoIPcube user (default: discovered from the logs). */
  userId?: string;
  /** Enneo: the reportingPrivacyLevel the server is set to. */
  expectPrivacy?: PrivacyExpectation;
  /** Checks of assumed behaviour fail instead of warn (use against standin). Default false. */
  strict?: boolean;
  /** Send at most this many requests. Default 1000. */
  maxRequests?: number;
  /** At most this many requests per second; 0 = unbounded. Default: as the CLI's (by the base URL's host). */
  rate?: number;
  /** Milliseconds for one whole request and answer. Default 10000. */
  timeout?: number;
  /** Seed of the generated (robustness) requests. Default 1. */
  seed?: number;
  /** Only these checks run and are reported (`--check`, repeatable). Default: every check. */
  check?: CheckName[];
}

/** How many findings had each outcome. */
export interface VerifySummary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
}

/**
 * What `standin verify --reporter json` prints, plus `summary`. `exitCode` is the status the CLI
 * would exit with: 0 no failure, 1 a contract failure, 2 a target that could not be judged
 * (`fatal` says why).
 */
export type VerifyReport = Report & { results: CheckResult[]; summary: VerifySummary };

const FN = 'runVerify';
const OPTIONS: readonly (keyof VerifyOptions)[] = [
  'vendor',
  'baseUrl',
  'token',
  'cookie',
  'key',
  'ticketId',
  'teamId',
  'agentId',
  'userId',
  'expectPrivacy',
  'strict',
  'maxRequests',
  'rate',
  'timeout',
  'seed',
  'check',
];
/** The credential options each vendor takes (one is enough). */
const NEEDED: Record<SuiteVendor, ('token' | 'cookie' | 'key')[]> = {
  enneo: ['token', 'cookie'],
  voipcube: ['key'],
  autozod: ['token'],
};
const text = (name: keyof VerifyOptions, value: unknown): string | undefined => {
  if (value === undefined || typeof value === 'string') return value;
  throw new TypeError(`${FN}: ${name} must be a string, got ${typeof value}.`);
};

/** `check`: check names, each once, in the order given. */
function checkList(value: unknown): CheckName[] {
  if (!Array.isArray(value)) throw new TypeError(`${FN}: check must be an array of check names.`);
  const names = value.map((v) => oneOf(FN, 'check', v, CHECKS));
  return [...new Set(names)];
}

/** The options as the `verify` command would have parsed them from flags (its defaults included). */
function toFlags(o: VerifyOptions): Omit<VerifyFlags, 'reporter' | 'output'> {
  if (typeof o !== 'object' || o === null) throw new TypeError(`${FN}: options must be an object.`);
  knownOptions(FN, o, OPTIONS);
  const opt = <T>(name: keyof VerifyOptions, parse: (text: string) => T, fallback: T): T =>
    o[name] === undefined ? fallback : checked(FN, name, o[name], parse);
  if (o.strict !== undefined && typeof o.strict !== 'boolean') {
    throw new TypeError(`${FN}: strict must be true or false.`);
  }
  if (o.baseUrl === undefined)
    throw new TypeError(`${FN}: baseUrl is required, e.g. http://127.0.0.1:4010/voipcube.`);
  return {
    vendor: oneOf(FN, 'vendor', o.vendor, CONTRACT_VENDORS),
    baseUrl: checked(FN, 'baseUrl', o.baseUrl, parseBaseUrl),
    token: text('token', o.token),
    cookie: text('cookie', o.cookie),
    key: text('key', o.key),
    ticketId: opt('ticketId', positive('--ticket-id', Number.MAX_SAFE_INTEGER), undefined),
    teamId: text('teamId', o.teamId),
    agentId: text('agentId', o.agentId),
    userId: text('userId', o.userId),
    expectPrivacy:
      o.expectPrivacy === undefined
        ? undefined
        : oneOf(FN, 'expectPrivacy', o.expectPrivacy, PRIVACY_EXPECTATIONS),
    strict: o.strict ?? false,
    maxRequests: opt('maxRequests', positive('--max-requests', 1_000_000), 1000),
    rate: opt('rate', parseRate, undefined),
    timeout: opt('timeout', positive('--timeout', 600_000), 10_000),
    seed: opt('seed', positive('--seed', 2 ** 31 - 1), 1),
    ...(o.check === undefined ? {} : { check: checkList(o.check) }),
  };
}

/**
 * Runs the contract suite of one vendor against a server, as `standin verify` does.
 * Resolves with the report whatever the verdict; rejects only for invalid options (a TypeError
 * naming the option) — it never exits the process.
 * @example
 *   const report = await runVerify({ vendor: 'voipcube', baseUrl: `${standin.url}/voipcube`, key: 'dev-voipcube-key', strict: true });
 *   if (report.exitCode !== 0) console.log(report.summary, report.fatal);
 */
export async function runVerify(options: VerifyOptions): Promise<VerifyReport> {
  const flags = toFlags(options);
  if (!NEEDED[flags.vendor].some((name) => flags[name])) {
    throw new TypeError(
      `${FN}: vendor ${flags.vendor} needs credentials: ${NEEDED[flags.vendor].join(' or ')}.`,
    );
  }
  // Imported on first use: the suite brings ajv, the OpenAPI parser, exceljs and fast-check.
  const suite = await import('../contract/suite/index.ts');
  const report = await suite.runVerify(suiteOptionsFor(flags, {}, suite.defaultRate));
  // Exactly what the json reporter prints, so the two can never drift apart.
  const printed = JSON.parse(suite.formatJson(report)) as Report & { results: CheckResult[] };
  const { pass, fail, warn, skip } = report.totals;
  return { ...printed, summary: { passed: pass, failed: fail, warned: warn, skipped: skip } };
}
