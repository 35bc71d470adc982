/**
 * The flags several commands share, with their parsers. A parser throws commander's
 * InvalidArgumentError, which commander prints as one line naming the flag (and the env
 * variable, when the value came from one).
 */
import { isIP } from 'node:net';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { parseExpiresIn } from '../../mocks/enneo/token.ts';
import type { Credentials } from '../config/credentials.ts';
import type { CredentialOverrides } from '../http/dev-credentials.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE } from '../world/defaults.ts';
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

/** The Enneo JWT secret: any text of 1 to 512 characters (it is a key, never sent as a header). */
function parseSecret(value: string): string {
  if (value.length < 1 || value.length > 512) {
    throw new InvalidArgumentError('--enneo-secret must be 1 to 512 characters.');
  }
  return value;
}

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
export const parseEnneoSession = credential('--enneo-session');
export const parseVoipcubeKey = credential('--voipcube-key');
export const parseAutozodToken = credential('--autozod-token');
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

/** `--agents`, `--days`, `--tickets`. */
export function addSizeOptions(cmd: Command): Command {
  for (const field of Object.keys(SIZE_LIMITS) as (keyof WorldSize)[]) {
    cmd.addOption(
      new Option(`--${field} <count>`, `world size: number of ${field}`)
        .argParser(sizeParser(field))
        .default(DEFAULT_SIZE[field]),
    );
  }
  return cmd;
}

/** Parsed world options. */
export interface WorldFlags {
  seed: number;
  anchor: string;
  agents: number;
  days: number;
  tickets: number;
}

/** `--enneo-secret` alone (enough to mint tokens). */
export function addEnneoSecretOption(cmd: Command): Command {
  return cmd.addOption(
    new Option('--enneo-secret <secret>', 'HS256 secret that signs Enneo JWTs')
      .env('STANDIN_ENNEO_SECRET')
      .argParser(parseSecret),
  );
}

/** The four credential flags, each also read from its env variable. */
export function addCredentialOptions(cmd: Command): Command {
  return addEnneoSecretOption(cmd)
    .addOption(
      new Option('--enneo-session <id>', 'value of the connect.sid cookie Enneo accepts')
        .env('STANDIN_ENNEO_SESSION')
        .argParser(parseEnneoSession),
    )
    .addOption(
      new Option('--voipcube-key <key>', 'API key VoIPcube accepts in the Key header')
        .env('STANDIN_VOIPCUBE_KEY')
        .argParser(parseVoipcubeKey),
    )
    .addOption(
      new Option('--autozod-token <token>', 'bearer token Autozod accepts')
        .env('STANDIN_AUTOZOD_TOKEN')
        .argParser(parseAutozodToken),
    );
}

/** Parsed credential flags, any of them absent. */
export interface CredentialFlags {
  enneoSecret?: string;
  enneoSession?: string;
  voipcubeKey?: string;
  autozodToken?: string;
}

/** The overrides `createApp` takes, from the credential flags. */
export function credentialOverrides(flags: CredentialFlags): CredentialOverrides {
  const enneo: Partial<Credentials['enneo']> = {};
  if (flags.enneoSecret !== undefined) enneo.jwtSecret = flags.enneoSecret;
  if (flags.enneoSession !== undefined) enneo.sessionId = flags.enneoSession;
  return {
    enneo,
    ...(flags.voipcubeKey !== undefined ? { voipcube: { key: flags.voipcubeKey } } : {}),
    ...(flags.autozodToken !== undefined ? { autozod: { token: flags.autozodToken } } : {}),
  };
}
