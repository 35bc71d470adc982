/**
 * The one server: every vendor under its own base path, the mock controls under /__standin/,
 * and the docs at /. `createApp` builds it without listening; only the CLI listens.
 */
import type { Express } from 'express';
import { createExpressApp } from './adapters/express.ts';
import { VENDOR_DESCRIPTORS } from './core/registry.ts';
import { createStandin, type StandinOptions } from './core/standin.ts';

export type { SettingsOverrides } from './core/controls.ts';
export { CONTROLS_PATH } from './core/standin.ts';
export type { CredentialOverrides } from './http/dev-credentials.ts';
export { resolveCredentials } from './http/dev-credentials.ts';

/** @deprecated the registry's name is VENDOR_DESCRIPTORS (src/core/registry.ts). */
export const VENDOR_MODULES = VENDOR_DESCRIPTORS;

/** Options of `createApp`: those of every door; every one has a default. */
export type AppOptions = StandinOptions;

/**
 * Builds the Express app: the vendors, the controls, the docs. All state (settings, journal,
 * fault rules, caches) belongs to the returned app, so two apps in one process are independent.
 * @example
 * const app = createApp({ world: generateWorld({ seed: 7, anchor: '2025-01-31', size: { agents: 5 } }) });
 * await request(app).get('/__standin/health').expect(200);
 */
export function createApp(options: AppOptions = {}): Express {
  let standin: ReturnType<typeof createStandin>;
  try {
    standin = createStandin(options);
  } catch (err) {
    throw err instanceof TypeError ? new TypeError(`createApp: ${err.message}`) : err;
  }
  return createExpressApp(standin, options.onInternalError);
}
