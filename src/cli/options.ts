/**
 * The flags several commands share, with their parsers. A parser throws commander's
 * InvalidArgumentError, which commander prints as one line naming the flag (and the env
 * variable, when the value came from one).
 */
import { isIP } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { CREDENTIAL_FLAGS, type CredentialFlag, parseExpiresIn } from '../core/registry.ts';
import { stateUrlProblem } from '../core/state/state-url.ts';
import type { CredentialOverrides } from '../http/dev-credentials.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, TICKETS_PER_AGENT_DAY } from '../world/defaults.ts';
import type { WorldSize } from '../world/types.ts';

const DIGITS = /^\d+$/;

/** An integer within bounds, or a message naming the flag. */
function integer(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = DIGITS.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
      throw new InvalidArgumentError(`${flag} must be an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

export const parsePort = integer('--port', 0, 65_535);
export const parseSeed = integer('--seed', 0, Number.MAX_SAFE_INTEGER);
export const parseUserId = integer('--user', 1, Number.MAX_SAFE_INTEGER);

/** Upper bounds keep a typo from asking for a world that does not fit in memory. */
export const SIZE_LIMITS: Record<keyof WorldSize, { min: number; max: number }> = {
  agents: { min: 1, max: 10_000 },
  days: { min: 1, max: 3_660 },
  tickets: { min: 0, max: 5_000_000 },
};

const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** An IP address or a host name. */
export function parseHost(value: string): string {
  if (isIP(value) !== 0 || HOST_NAME.test(value)) return value;
  throw new InvalidArgumentError('--host must be an IP address (127.0.0.1, ::1, 0.0.0.0) or a host name.');
}

/** `YYYY-MM-DD` (a real calendar day) or `now`, kept as given: `now` is resolved when the command runs. */
export function parseAnchor(value: string): string {
  if (value === 'now') return value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('--anchor must be a calendar day as YYYY-MM-DD, or now.');
  }
  return value;
}

/** Today's date in UTC, which `--anchor now` stands for. */
export function resolveAnchor(anchor: string, now: number): string {
  return anchor === 'now' ? new Date(now).toISOString().slice(0, 10) : anchor;
}

/**
 * A credential as it travels in a header or a cookie: visible ASCII, no spaces, quotes, commas,
 * semicolons or backslashes, at most 512 characters.
 */
function credential(flag: string): (value: string) => string {
  return (value) => {
    if (!/^[!#-+\--:<-[\]-~]{1,512}$/.test(value)) {
      throw new InvalidArgumentError(
        `${flag} must be 1 to 512 visible ASCII characters without spaces, quotes, commas, semicolons or backslashes.`,
      );
    }
    return value;
  };
}

/** A secret such as a JWT signing key: any text of 1 to 512 characters (never sent as a header). */
function secret(flag: string): (value: string) => string {
  return (value) => {
    if (value.length < 1 || value.length > 512) {
      throw new InvalidArgumentError(`${flag} must be 1 to 512 characters.`);
    }
    return value;
  };
}

/** The parser of a vendor's credential flag, by the kind its descriptor gives it. */
const credentialParser = (option: CredentialFlag) =>
  option.kind === 'secret' ? secret(option.flag) : credential(option.flag);

/** `--enneo-secret` → `enneoSecret`: the key commander gives a flag's value. */
const flagKey = (flag: string) =>
  flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

const flagNamed = (flag: string): CredentialFlag => {
  const option = CREDENTIAL_FLAGS.find((o) => o.flag === flag);
  if (!option) throw new Error(`no vendor declares the credential flag ${flag}`);
  return option;
};
const parseSecret = credentialParser(flagNamed('--enneo-secret'));

/** A token lifetime such as `90s`, `15m`, `1h`, `7d`, `2w`, or a number of seconds. */
export function parseExpires(value: string): string | number {
  const lifetime = DIGITS.test(value.trim()) ? Number(value.trim()) : value;
  try {
    parseExpiresIn(lifetime);
  } catch {
    throw new InvalidArgumentError(
      '--expires-in must be a duration such as 90s, 15m, 1h, 7d or 2w, or seconds.',
    );
  }
  return lifetime;
}

export const parseAdminToken = credential('--admin-token');
export const parseEnneoSession = credentialParser(flagNamed('--enneo-session'));
export const parseVoipcubeKey = credentialParser(flagNamed('--voipcube-key'));
export const parseAutozodToken = credentialParser(flagNamed('--autozod-token'));
export { parseSecret as parseEnneoSecret };

/** The parser of `--agents`, `--days` or `--tickets`. */
export function sizeParser(field: keyof WorldSize): (value: string) => number {
  const { min, max } = SIZE_LIMITS[field];
  return integer(`--${field}`, min, max);
}

/** `--seed` and `--anchor`. */
export function addWorldOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--seed <integer>', 'seed of the generated world')
        .argParser(parseSeed)
        .default(DEFAULT_SEED),
    )
    .addOption(
      new Option('--anchor <YYYY-MM-DD|now>', 'last day of activity (UTC); now = today')
        .argParser(parseAnchor)
        .default(DEFAULT_ANCHOR),
    );
}

/** `--agents`, `--days`, `--tickets` (no default: derived from agents and days). */
export function addSizeOptions(cmd: Command): Command {
  for (const field of Object.keys(SIZE_LIMITS) as (keyof WorldSize)[]) {
    const option = new Option(`--${field} <count>`, `world size: number of ${field}`).argParser(
      sizeParser(field),
    );
    if (field === 'tickets') {
      option.description += ` (default: ${TICKETS_PER_AGENT_DAY} per agent and day, ${DEFAULT_SIZE.tickets} in the default world)`;
    } else option.default(DEFAULT_SIZE[field]);
    cmd.addOption(option);
  }
  return cmd;
}

/** Parsed world options. */
export interface WorldFlags {
  seed: number;
  anchor: string;
  agents: number;
  days: number;
  /** Undefined: as many as fill about two thirds of on-duty time (defaultTicketCount). */
  tickets?: number;
}

/** A vendor's credential flag as a commander option, also read from its env variable. */
function credentialOption(option: CredentialFlag): Option {
  return new Option(`${option.flag} <${option.placeholder}>`, option.description)
    .env(option.env)
    .argParser(credentialParser(option));
}

/** `--enneo-secret` alone (enough to mint tokens). */
export function addEnneoSecretOption(cmd: Command): Command {
  return cmd.addOption(credentialOption(flagNamed('--enneo-secret')));
}

/** Every vendor's credential flags (from the vendors' descriptors), each also read from its env variable. */
export function addCredentialOptions(cmd: Command): Command {
  for (const option of CREDENTIAL_FLAGS) cmd.addOption(credentialOption(option));
  return cmd;
}

/** Parsed credential flags, any of them absent. */
export interface CredentialFlags {
  enneoSecret?: string;
  enneoSession?: string;
  voipcubeKey?: string;
  autozodToken?: string;
}

/** The overrides `createApp` takes, from the credential flags (each vendor's, as its descriptor maps them). */
export function credentialOverrides(flags: CredentialFlags): CredentialOverrides {
  const given = flags as Record<string, string | undefined>;
  const overrides: Record<string, Record<string, string>> = {};
  for (const option of CREDENTIAL_FLAGS) {
    const value = given[flagKey(option.flag)];
    if (value === undefined) continue;
    const vendor = overrides[option.vendor] ?? {};
    vendor[option.field] = value;
    overrides[option.vendor] = vendor;
  }
  return overrides as CredentialOverrides;
}

/** `--state`: a Redis URL (`redis://host:port[/db]`), checked without loading the Redis client. */
export function parseStateUrl(value: string): string {
  const problem = stateUrlProblem(value);
  if (problem !== null) throw new InvalidArgumentError(`--state ${problem}.`);
  return value;
}

/** `--replica-name`: how this replica names itself in the shared journal. */
export function parseReplicaName(value: string): string {
  if (!/^[!-~]{1,100}$/.test(value)) {
    throw new InvalidArgumentError(
      '--replica-name must be 1 to 100 visible ASCII characters without spaces.',
    );
  }
  return value;
}
