/**
 * `startServer(options)`: what `standin serve` does, for a test set-up (a vitest `globalSetup`, a
 * Jest environment): the same world, app and server code as the CLI, no banner, no signals.
 */
import { EventEmitter } from 'node:events';
import { CliError } from '../cli/cli-error.ts';
import {
  parseAdminToken,
  parseAnchor,
  parseAutozodToken,
  parseEnneoSecret,
  parseEnneoSession,
  parseHost,
  parsePort,
  parseReplicaName,
  parseSeed,
  parseStateUrl,
  parseVoipcubeKey,
  sizeParser,
} from '../cli/options.ts';
import { boundPort, type SignalSource, stopOnSignals } from '../cli/server.ts';
import { openServer, type ServeFlags } from '../cli/serving.ts';
import { EXPORT_FORMATS, type ExportFormat, PRIVACY_LEVELS, type PrivacyLevel } from '../config/settings.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE } from '../world/defaults.ts';
import { checked, knownOptions, oneOf } from './option-check.ts';

/** The `serve` flags in camelCase; every one is optional. */
export interface ServerOptions {
  /** Port to listen on. Default 0: a free port, read it from the result. */
  port?: number;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Seed of the generated world. Default 42. */
  seed?: number;
  /** Last day of activity, `YYYY-MM-DD`, or `now` (today, UTC). Default `2025-09-30`. */
  anchor?: string;
  /**
   * World size. Defaults: 12 agents, 42 days; tickets default to 12 per agent and day (6,048 in
   * the default world), enough to fill about two thirds of the agents' on-duty time.
   */
  agents?: number;
  days?: number;
  tickets?: number;
  /** Serve this fixture folder (as `standin fixtures` writes it) instead of a generated world. */
  fixtures?: string;
  /** Enneo's `reportingPrivacyLevel` setting. */
  enneoPrivacy?: PrivacyLevel;
  /** Enneo's `defaultDateExportFormat` setting. */
  enneoDefaultFormat?: ExportFormat;
  /** HS256 secret that signs Enneo JWTs. */
  enneoSecret?: string;
  /** Value of the `connect.sid` cookie Enneo accepts. */
  enneoSession?: string;
  /** API key VoIPcube accepts. */
  voipcubeKey?: string;
  /** Bearer token Autozod accepts. */
  autozodToken?: string;
  /** Require this bearer token on /__standin/ (and allow the controls off loopback). */
  adminToken?: string;
  /** Permissive CORS on the vendor routes, for browser clients (`--cors`). Default false. */
  cors?: boolean;
  /**
   * Share settings, fault rules, stubs and the journal with other replicas through Redis
   * (`redis://host:port[/db]`, as `--state`). Default: in this process.
   */
  state?: string;
  /** This replica's name in the shared journal (`--replica-name`). Default `host:pid`. */
  replicaName?: string;
  /** Told about a bug behind a 500 answer (the client gets the 500 either way). */
  onInternalError?: (err: unknown) => void;
}

/** A running standin. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`: append `/enneo/api/mind`, `/voipcube` or `/autozod`. */
  url: string;
  port: number;
  /**
   * Stops accepting, lets in-flight answers finish (dropping them after 5 s), then resolves.
   * Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;

/** The address a client on this machine reaches the server at. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

const FN = 'startServer';
const OPTIONS: readonly (keyof ServerOptions)[] = [
  'port',
  'host',
  'seed',
  'anchor',
  'agents',
  'days',
  'tickets',
  'fixtures',
  'enneoPrivacy',
  'enneoDefaultFormat',
  'enneoSecret',
  'enneoSession',
  'voipcubeKey',
  'autozodToken',
  'adminToken',
  'cors',
  'state',
  'replicaName',
  'onInternalError',
];
const WORLD_OPTIONS = ['seed', 'anchor', 'agents', 'days', 'tickets'] as const;

/** The options as the `serve` command would have parsed them from flags. */
function toFlags(o: ServerOptions): ServeFlags {
  knownOptions(FN, o, OPTIONS);
  if (o.fixtures !== undefined) {
    const clash = WORLD_OPTIONS.filter((k) => o[k] !== undefined);
    if (clash.length > 0) throw new TypeError(`${FN}: fixtures cannot be combined with ${clash.join(', ')}.`);
    if (typeof o.fixtures !== 'string') throw new TypeError(`${FN}: fixtures must be a folder path.`);
  }
  const opt = <T>(name: keyof ServerOptions, parse: (text: string) => T, fallback: T): T =>
    o[name] === undefined ? fallback : checked(FN, name, o[name], parse);
  const flags: ServeFlags = {
    port: opt('port', parsePort, 0),
    host: opt('host', parseHost, '127.0.0.1'),
    seed: opt('seed', parseSeed, DEFAULT_SEED),
    anchor: opt('anchor', parseAnchor, DEFAULT_ANCHOR),
    agents: opt('agents', sizeParser('agents'), DEFAULT_SIZE.agents),
    days: opt('days', sizeParser('days'), DEFAULT_SIZE.days),
  };
  if (o.tickets !== undefined) flags.tickets = checked(FN, 'tickets', o.tickets, sizeParser('tickets'));
  if (o.fixtures !== undefined) flags.fixtures = o.fixtures;
  if (o.enneoPrivacy !== undefined)
    flags.enneoPrivacy = oneOf(FN, 'enneoPrivacy', o.enneoPrivacy, PRIVACY_LEVELS);
  if (o.enneoDefaultFormat !== undefined) {
    flags.enneoDefaultFormat = oneOf(FN, 'enneoDefaultFormat', o.enneoDefaultFormat, EXPORT_FORMATS);
  }
  if (o.enneoSecret !== undefined)
    flags.enneoSecret = checked(FN, 'enneoSecret', o.enneoSecret, parseEnneoSecret);
  if (o.enneoSession !== undefined) {
    flags.enneoSession = checked(FN, 'enneoSession', o.enneoSession, parseEnneoSession);
  }
  if (o.voipcubeKey !== undefined)
    flags.voipcubeKey = checked(FN, 'voipcubeKey', o.voipcubeKey, parseVoipcubeKey);
  if (o.autozodToken !== undefined) {
    flags.autozodToken = checked(FN, 'autozodToken', o.autozodToken, parseAutozodToken);
  }
  if (o.adminToken !== undefined) flags.adminToken = checked(FN, 'adminToken', o.adminToken, parseAdminToken);
  if (o.state !== undefined) flags.state = checked(FN, 'state', o.state, parseStateUrl);
  if (o.replicaName !== undefined) {
    flags.replicaName = checked(FN, 'replicaName', o.replicaName, parseReplicaName);
  }
  if (o.cors !== undefined) {
    if (typeof o.cors !== 'boolean') throw new TypeError(`${FN}: cors must be true or false.`);
    flags.cors = o.cors;
  }
  return flags;
}

/**
 * Serves every vendor on one port, like `standin serve`, and resolves once it listens.
 * @throws TypeError naming the option when one is invalid; Error when the port cannot be opened
 *   or the world cannot be built (the message says which).
 * @example
 *   // vitest globalSetup
 *   import { startServer } from 'standin';
 *   export default async function setup() {
 *     const standin = await startServer({ seed: 7 });
 *     process.env.ENNEO_BASE_URL = `${standin.url}/enneo/api/mind`;
 *     return () => standin.close();
 *   }
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const flags = toFlags(options);
  let opened: Awaited<ReturnType<typeof openServer>>;
  try {
    opened = await openServer(flags, Date.now(), options.onInternalError);
  } catch (err) {
    if (err instanceof CliError) throw new Error(`${FN}: ${err.message}`, { cause: err });
    throw err;
  }
  const { server } = opened;
  // close() reuses the CLI's graceful stop, with a stop "signal" from this emitter, not the process.
  const stop = new EventEmitter();
  const silent = { out: () => {}, err: () => {} };
  const stopped = stopOnSignals(server, stop as SignalSource, silent, CLOSE_GRACE_MS);
  let closing: Promise<void> | undefined;
  const port = boundPort(server);
  return {
    url: `http://${reachableHost(flags.host)}:${port}`,
    port,
    close() {
      closing ??= (async () => {
        stop.emit('SIGTERM', 'SIGTERM');
        await stopped;
      })();
      return closing;
    },
  };
}
