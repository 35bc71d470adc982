import type { Router } from 'express';
import type { Credentials } from '../config/credentials.ts';
import type { SettingsStore } from '../config/settings.ts';
import type { World } from '../world/types.ts';
import type { ApiError } from './errors.ts';

export const VENDORS = ['enneo', 'voipcube', 'autozod'] as const;
export type VendorName = (typeof VENDORS)[number];

/** What every vendor router is built from. Nothing below the CLI reads process.env. */
export interface VendorDeps {
  world: World;
  /** Live settings; read per request. */
  settings: SettingsStore;
  credentials: Credentials;
  /** Current time in ms since the epoch (JWT `exp`/`nbf` checks); injectable for tests. */
  clock: () => number;
}

/** A rendered error: the status and the vendor-shaped JSON body. */
export interface RenderedError {
  status: number;
  body: Record<string, unknown>;
}

/** One vendor: where it is mounted, how it is built, and how its errors look. */
export interface VendorModule {
  name: VendorName;
  /** Mount path in standin, e.g. `/enneo/api/mind`. */
  basePath: string;
  createRouter(deps: VendorDeps): Router;
  renderError(err: ApiError): RenderedError;
}
