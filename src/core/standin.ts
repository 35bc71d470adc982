/**
 * One standin instance: every vendor's core, the controls and their state, behind one
 * `handle(request)`. The doors (Express, fetch, MSW) only translate to and from it, so the same
 * request gives the same answer through each. All state belongs to the instance.
 */
import { createSettingsStore } from '../config/settings.ts';
import { type ReplayTable, replayedAnswer } from '../har/replay.ts';
import { applySettingsPatch } from '../http/admin-settings.ts';
import { type CredentialOverrides, clientCredentials, resolveCredentials } from '../http/dev-credentials.ts';
import { createFaultRules } from '../http/fault-rules.ts';
import { createJournal, DEFAULT_JOURNAL_LIMIT } from '../http/journal.ts';
import { DEFAULT_JOURNAL_BODY_LIMIT } from '../http/journal-body.ts';
import { notFoundBody } from '../http/not-found.ts';
import { createRedactor } from '../http/request-redaction.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, generateWorld } from '../world/index.ts';
import type { World } from '../world/types.ts';
import { type Controls, createControls, type SettingsOverrides } from './controls.ts';
import { handleControl } from './controls-http.ts';
import { isPreflight, preflightResponse, withCors } from './cors.ts';
import { worldWith } from './overrides.ts';
import { redactStrings } from './redact-body.ts';
import {
  type ClientCredentials,
  type Credentials,
  DEFAULT_SETTINGS,
  type Settings,
  VENDOR_DESCRIPTORS,
  type VendorName,
} from './registry.ts';
import { jsonResponse } from './responses.ts';
import { type LocalStores, memoryBackend, type SharedState } from './state/backend.ts';
import { createStubControls } from './stubs-controls.ts';
import { withStubs } from './stubs-handler.ts';
import { createStubStore } from './stubs-store.ts';
import type { Outcome, PlainRequest, VendorDeps, VendorDescriptor, VendorHandler } from './types.ts';
import { createVendorPipeline, type VendorPipeline } from './vendor-pipeline.ts';

/** The most a journal may keep of each body: 1000 entries × 2 bodies × 1 MiB is already 2 GB. */
const MAX_JOURNAL_BODY_LIMIT = 1024 * 1024;

/** Where the mock controls live; no vendor path starts with it. */
export const CONTROLS_PATH = '/__standin/';

/** Options of every door (`createApp`, `createHandlers`, `createFetchHandler`); each has a default. */
export interface StandinOptions {
  /** The data served. Default: `generateWorld()` with the default seed, anchor and size. */
  world?: World;
  /** Start-up settings (also what reset returns to). Default: DEFAULT_SETTINGS. */
  settings?: SettingsOverrides;
  /** Credentials the mock accepts. Default: DEFAULT_CREDENTIALS. */
  credentials?: CredentialOverrides;
  /** Current time in ms since the epoch, for JWT checks and journal times. Default: `Date.now`. */
  clock?: () => number;
  /** When set, the controls require `Authorization: Bearer <adminToken>` from anywhere; else loopback only. */
  adminToken?: string;
  /** How many requests the journal keeps. Default: 1000. */
  journalLimit?: number;
  /** The most bytes of each request and response body the journal keeps as text; 0 keeps none. Default: 8192. */
  journalBodyLimit?: number;
  /** Seed of fault rules that name none. Default: 0. */
  faultSeed?: number;
  /** Told about an unexpected error (a bug); the client gets a 500. */
  onInternalError?: (err: unknown) => void;
  /** Recorded answers (`loadReplays`) served for their exact requests, after the vendor lets the caller in. */
  replay?: ReplayTable;
  /**
   * Permissive CORS on the vendor routes (any origin, preflights answered 204), for browser
   * clients. The controls and docs never get it. Default: false.
   */
  cors?: boolean;
  /**
   * Where the mutable state lives. Default: in this process. A shared state (`openRedisState`,
   * `--state redis://…`) makes replicas share settings, fault rules, stubs and the journal.
   */
  state?: SharedState;
}

/** A vendor as an instance serves it. */
export interface ServedVendor {
  name: VendorName;
  title: string;
  basePath: string;
  realBaseUrl: string;
}

/** One instance: answer plain requests, and the controls as methods. */
export interface Standin {
  /** Answers any request: a vendor's, a control's, or the 404 that says where things are. */
  handle(request: PlainRequest): Promise<Outcome>;
  readonly controls: Controls;
  readonly vendors: readonly ServedVendor[];
  readonly world: World;
  readonly credentials: Credentials;
  readonly adminToken: string | undefined;
  /** What a client sends to this instance (the Enneo JWT is signed once, then remembered). */
  clientCredentials(): Promise<ClientCredentials>;
}

function startSettings(overrides: SettingsOverrides = {}): Settings {
  const result = applySettingsPatch(DEFAULT_SETTINGS, overrides);
  if (!result.ok) throw new TypeError(`settings: ${result.problem.message}`);
  return result.settings;
}

/**
 * The part of `path` below `base` (lowercase; matched case-insensitively, as Express mounted it):
 * `/voipcube/stats` → `/stats`, `/voipcube` → `/`; null when `path` is not under `base`.
 */
function under(path: string, base: string): string | null {
  if (path.length < base.length || path.slice(0, base.length).toLowerCase() !== base) return null;
  if (path.length === base.length) return '/';
  return path.charCodeAt(base.length) === 47 /* / */ ? path.slice(base.length) : null;
}

/** The vendor's handler, answering recorded requests first when there are recordings. */
function withReplay(
  descriptor: VendorDescriptor,
  deps: VendorDeps<object, object>,
  table: ReplayTable | undefined,
): VendorHandler {
  const handler = descriptor.createHandler(deps);
  if (!table || table.answers.size === 0) return handler;
  const authenticate = descriptor.createAuthenticator(deps);
  const vendor = descriptor.name as VendorName;
  return async (req) => {
    const recorded = replayedAnswer(table, vendor, req);
    if (!recorded) return handler(req);
    await authenticate(req);
    return recorded;
  };
}

/**
 * Builds an instance. Throws a TypeError for options that cannot work (an empty admin token,
 * settings outside their allowed values).
 * @example
 * const standin = createStandin({ world: generateWorld({ seed: 7, anchor: '2025-01-31', size: { agents: 5 } }) });
 * const answer = await standin.handle({ method: 'GET', path: '/__standin/health', query: {}, headers: {} });
 */
export function createStandin(options: StandinOptions = {}): Standin {
  if (options.adminToken === '') throw new TypeError('adminToken must not be empty');
  if (options.cors !== undefined && typeof options.cors !== 'boolean') {
    throw new TypeError('cors must be true or false');
  }
  const world =
    options.world ?? generateWorld({ seed: DEFAULT_SEED, anchor: DEFAULT_ANCHOR, size: DEFAULT_SIZE });
  const credentials = resolveCredentials(options.credentials);
  const settings = createSettingsStore(startSettings(options.settings));
  const clock = options.clock ?? Date.now;
  const journalBodyLimit = options.journalBodyLimit ?? DEFAULT_JOURNAL_BODY_LIMIT;
  if (
    !Number.isInteger(journalBodyLimit) ||
    journalBodyLimit < 0 ||
    journalBodyLimit > MAX_JOURNAL_BODY_LIMIT
  ) {
    throw new TypeError(
      `journalBodyLimit must be a whole number of bytes from 0 to ${MAX_JOURNAL_BODY_LIMIT}`,
    );
  }
  const faults = createFaultRules(options.faultSeed ?? 0);
  const stubStore = createStubStore();
  /** Each vendor's handler over the world (with its data overrides); rebuilt when they change. */
  const worldHandlers = new Map<VendorName, VendorHandler>();
  const vendorDeps = (name: VendorName, served: World): VendorDeps<object, object> => ({
    world: served,
    settings: () => (settings.get() as Record<string, object>)[name] ?? {},
    credentials: credentials[name],
    clock,
  });
  const buildWorldHandler = (name: VendorName) => {
    const descriptor = VENDOR_DESCRIPTORS.find((d) => d.name === name) as VendorDescriptor;
    const overrides = stubStore.overridesOf(name);
    const served = Object.keys(overrides).length === 0 ? world : worldWith(world, overrides);
    worldHandlers.set(name, withReplay(descriptor, vendorDeps(name, served), options.replay));
  };
  const stubControls = createStubControls({ store: stubStore, overridesChanged: buildWorldHandler });
  const secrets = [
    ...Object.values(credentials).flatMap((c) => Object.values(c as object) as string[]),
    ...(options.adminToken ? [options.adminToken] : []),
  ];
  const redactor = createRedactor(secrets);
  const journal = createJournal(options.journalLimit ?? DEFAULT_JOURNAL_LIMIT, redactor.text);
  const stores: LocalStores = {
    settings,
    faults,
    stubs: stubStore,
    journal,
    overridesChanged: buildWorldHandler,
    redact: redactor.text,
  };
  const backend = options.state ? options.state.bind(stores) : memoryBackend(stores);
  const controls = backend.controls(createControls({ settings, faults, journal, stubs: stubControls }));
  const basePaths = VENDOR_DESCRIPTORS.map((d) => d.basePath);
  const controlsBase = CONTROLS_PATH.slice(0, -1);

  const pipelines: { base: string; pipeline: VendorPipeline }[] = VENDOR_DESCRIPTORS.map((vendor) => {
    const descriptor = vendor as VendorDescriptor;
    const name = vendor.name as VendorName;
    buildWorldHandler(name);
    const authenticate = descriptor.createAuthenticator(vendorDeps(name, world));
    const handler = withStubs(name, backend.stubs, authenticate, () => worldHandlers.get(name)!);
    return {
      base: vendor.basePath.toLowerCase(),
      pipeline: backend.wrapPipeline(
        name,
        createVendorPipeline({
          descriptor,
          handler,
          faults: backend.faults,
          journal: backend.journal,
          journalBodyLimit,
          redactor,
          clock,
          basePaths,
          controlsPath: CONTROLS_PATH,
          onInternalError: options.onInternalError,
        }),
      ),
    };
  });

  const cors = options.cors === true;
  let client: Promise<ClientCredentials> | undefined;
  const access = { adminToken: options.adminToken, mask: redactor.text };

  async function route(req: PlainRequest): Promise<Outcome> {
    for (const { base, pipeline } of pipelines) {
      const rest = under(req.path, base);
      if (rest === null) continue;
      if (!cors) return pipeline(req, rest);
      // Browser plumbing, not the client's request: answered before auth, faults and the journal.
      if (isPreflight(req)) return preflightResponse(req);
      return withCors(await pipeline(req, rest));
    }
    const control = under(req.path, controlsBase);
    if (control !== null) {
      return handleControl(req, control, controls, access);
    }
    const body = notFoundBody(req.method, req.path, basePaths, CONTROLS_PATH);
    return jsonResponse(404, redactStrings(body, redactor.text));
  }

  return {
    async handle(req) {
      let outcome: Outcome;
      try {
        outcome = await route(req);
      } catch (err) {
        options.onInternalError?.(err);
        outcome = jsonResponse(500, { code: 'INTERNAL', message: 'internal error' });
      }
      if (!('reset' in outcome)) outcome.headers['x-content-type-options'] = 'nosniff';
      return outcome;
    },
    controls,
    vendors: VENDOR_DESCRIPTORS.map((d) => ({
      name: d.name,
      title: d.title,
      basePath: d.basePath,
      realBaseUrl: d.realBaseUrl,
    })),
    world,
    credentials,
    adminToken: options.adminToken,
    clientCredentials() {
      client ??= clientCredentials(credentials);
      return client;
    },
  };
}
