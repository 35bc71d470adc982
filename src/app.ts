/**
 * The one server: every vendor under its own base path, the mock controls under /__standin/,
 * and the docs at /. `createApp` builds it without listening; only the CLI listens.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import { autozodVendor } from '../mocks/autozod/index.ts';
import { enneoVendor } from '../mocks/enneo/index.ts';
import { voipcubeVendor } from '../mocks/voipcube/index.ts';
import { createSettingsStore, DEFAULT_SETTINGS, type Settings } from './config/settings.ts';
import { adminGuard } from './http/admin-guard.ts';
import { createAdminRouter } from './http/admin-router.ts';
import { applySettingsPatch } from './http/admin-settings.ts';
import {
  type ClientCredentials,
  type CredentialOverrides,
  clientCredentials,
  resolveCredentials,
} from './http/dev-credentials.ts';
import { createDocsRouter, mayBeDocsPath } from './http/docs-router.ts';
import { redactErrorBodies } from './http/error-redaction.ts';
import { apiError, toApiError } from './http/errors.ts';
import { createFaultRules } from './http/fault-rules.ts';
import { faultMiddleware, sendVendorError } from './http/faults.ts';
import { createJournal, DEFAULT_JOURNAL_LIMIT, journalMiddleware } from './http/journal.ts';
import { notFound, vendorNotFound } from './http/not-found.ts';
import { createRedactor } from './http/request-redaction.ts';
import { baseSecurityHeaders, bodyLimit, VENDOR_BODY_LIMIT_BYTES } from './http/security.ts';
import { serverClassesFor } from './http/server-classes.ts';
import type { VendorDeps, VendorModule, VendorName } from './http/vendor.ts';
import { packagePath } from './package-root.ts';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, generateWorld } from './world/index.ts';
import type { World } from './world/types.ts';

/** Every vendor standin serves, in the order the docs and the banner list them. */
export const VENDOR_MODULES: readonly VendorModule[] = [enneoVendor, voipcubeVendor, autozodVendor];

/** Where the mock controls live; no vendor path starts with it. */
export const CONTROLS_PATH = '/__standin/';

export type { CredentialOverrides } from './http/dev-credentials.ts';
export { resolveCredentials } from './http/dev-credentials.ts';

/** Settings given at start-up: any subset, per vendor. */
export type SettingsOverrides = { [V in keyof Settings]?: Partial<Settings[V]> };

/** Options of `createApp`; every one has a default. */
export interface AppOptions {
  /** The data served. Default: `generateWorld()` with the default seed, anchor and size. */
  world?: World;
  /** Start-up settings (also what `POST /__standin/reset` returns to). Default: DEFAULT_SETTINGS. */
  settings?: SettingsOverrides;
  /** Credentials the mock accepts. Default: DEFAULT_CREDENTIALS. */
  credentials?: CredentialOverrides;
  /** Current time in ms since the epoch, for JWT checks and journal times. Default: `Date.now`. */
  clock?: () => number;
  /** When set, the controls require `Authorization: Bearer <adminToken>` from anywhere; else loopback only. */
  adminToken?: string;
  /** How many requests the journal keeps. Default: 1000. */
  journalLimit?: number;
  /** Seed of fault rules that name none. Default: 0. */
  faultSeed?: number;
  /** Told about an unexpected error outside the vendor routers (a bug); the client gets a 500. */
  onInternalError?: (err: unknown) => void;
}

function startSettings(overrides: SettingsOverrides = {}): Settings {
  const result = applySettingsPatch(DEFAULT_SETTINGS, overrides);
  if (!result.ok) throw new TypeError(`createApp: settings: ${result.problem.message}`);
  return result.settings;
}

async function readContract(vendor: VendorName): Promise<OpenAPIV3.Document> {
  // Imported on first use (the docs): serving the vendors never parses YAML. The contract loader,
  // with its OpenAPI parser and ajv, is not needed at all: the docs show the contract as written.
  const { parse: parseYaml } = await import('yaml');
  return parseYaml(await readFile(packagePath('contracts', `${vendor}.yaml`), 'utf8')) as OpenAPIV3.Document;
}

/**
 * Builds the Express app: the vendors, the controls, the docs. All state (settings, journal,
 * fault rules, caches) belongs to the returned app, so two apps in one process are independent.
 * @example
 * const app = createApp({ world: generateWorld({ seed: 7, anchor: '2025-01-31', size: { agents: 5 } }) });
 * await request(app).get('/__standin/health').expect(200);
 */
export function createApp(options: AppOptions = {}): Express {
  if (options.adminToken === '') throw new TypeError('createApp: adminToken must not be empty');
  const world =
    options.world ?? generateWorld({ seed: DEFAULT_SEED, anchor: DEFAULT_ANCHOR, size: DEFAULT_SIZE });
  const credentials = resolveCredentials(options.credentials);
  const settings = createSettingsStore(startSettings(options.settings));
  const clock = options.clock ?? Date.now;
  const journal = createJournal(options.journalLimit ?? DEFAULT_JOURNAL_LIMIT);
  const faults = createFaultRules(options.faultSeed ?? 0);
  const secrets = [
    credentials.enneo.jwtSecret,
    credentials.enneo.sessionId,
    credentials.voipcube.key,
    credentials.autozod.token,
    ...(options.adminToken ? [options.adminToken] : []),
  ];
  const redactor = createRedactor(secrets);
  let client: Promise<ClientCredentials> | undefined;
  const clientCreds = () => {
    client ??= clientCredentials(credentials);
    return client;
  };

  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body for an ETag; the data is generated, and a 304 is not what the vendors send.
  app.set('etag', false);
  // VoIPcube's `userIds[]=…` keys must stay literal; the extended parser would turn them into arrays.
  app.set('query parser', 'simple');
  app.use(baseSecurityHeaders);
  redactErrorBodies(app, redactor);

  const docs = createDocsRouter({
    vendors: VENDOR_MODULES,
    loadDocument: readContract,
    clientCredentials: clientCreds,
    seed: world.meta.seed,
    anchor: world.meta.anchor,
    controlsPath: CONTROLS_PATH,
    controlsAccess: options.adminToken
      ? 'The controls require the admin token: Authorization: Bearer <admin token>.'
      : 'The controls answer only on loopback (start with --admin-token to reach them from elsewhere).',
  });
  // The docs come first (one of their paths lies under a vendor's base path), but most requests are
  // vendor requests: they skip the docs router's routes on one string check.
  app.use((req, res, next) => (mayBeDocsPath(req.path) ? docs(req, res, next) : next()));
  // One mount per area, its handlers inside: a request outside the area costs one path match, not one
  // per handler, and one inside has its URL trimmed once.
  const controls = express.Router();
  controls.use(adminGuard(options.adminToken), createAdminRouter({ settings, journal, faults }));
  app.use(CONTROLS_PATH, controls);

  const deps: VendorDeps = { world, settings, credentials, clock };
  const basePaths = VENDOR_MODULES.map((v) => v.basePath);
  for (const vendor of VENDOR_MODULES) {
    const chain = express.Router();
    chain.use(
      journalMiddleware(vendor.name, journal, redactor, clock),
      bodyLimit(VENDOR_BODY_LIMIT_BYTES, (_req, res) =>
        sendVendorError(
          res,
          vendor,
          apiError('PAYLOAD_TOO_LARGE', `the request body is larger than ${VENDOR_BODY_LIMIT_BYTES} bytes`),
        ),
      ),
      faultMiddleware(vendor, faults),
      vendor.createRouter(deps),
      vendorNotFound(vendor, basePaths, CONTROLS_PATH),
    );
    app.use(vendor.basePath, chain);
  }

  app.use(notFound(basePaths, CONTROLS_PATH));
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const e = toApiError(err);
    if (e.status >= 500) options.onInternalError?.(err);
    res.status(e.status).json({ code: e.code, message: e.message });
  };
  app.use(onError);
  app.listen = listenWithOwnClasses(app);
  return app;
}

/**
 * `app.listen` as Express defines it (an error before listening goes to the callback), with a
 * server whose requests and responses are born with the app's prototypes (see server-classes.ts).
 */
function listenWithOwnClasses(app: Express): Express['listen'] {
  return ((...args: unknown[]) => {
    const server = createServer(serverClassesFor(app), app);
    const callback = args[args.length - 1];
    if (typeof callback === 'function') {
      let called = false;
      const once = (...result: unknown[]) => {
        if (called) return;
        called = true;
        callback(...result);
      };
      args[args.length - 1] = once;
      server.once('error', once);
    }
    return server.listen(...(args as Parameters<typeof server.listen>));
  }) as Express['listen'];
}
