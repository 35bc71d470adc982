/** Autozod (field agents): on-duty session logs, as one descriptor. */
import type { VendorDescriptor } from '../../src/core/types.ts';
import {
  AUTOZOD_CREDENTIAL_OPTIONS,
  AUTOZOD_DEV_CREDENTIALS,
  type AutozodClientCredentials,
  type AutozodCredentials,
  autozodClientCredentials,
} from './credentials.ts';
import { renderAutozodError } from './errors.ts';
import { createAutozodAuthenticator, createAutozodHandler } from './handler.ts';

export type { AutozodClientCredentials, AutozodCredentials } from './credentials.ts';
export { renderAutozodError } from './errors.ts';
export { createAutozodHandler } from './handler.ts';

/** Autozod: served under `/autozod`; the real API lives at https://www.autozod.app. */
export const autozodVendor: VendorDescriptor<
  'autozod',
  AutozodCredentials,
  Record<never, never>,
  AutozodClientCredentials
> = {
  name: 'autozod',
  title: 'Autozod',
  realBaseUrl: 'https://www.autozod.app',
  basePath: '/autozod',
  auth: {
    schemes: [{ type: 'bearer', client: 'token' }],
    devCredentials: AUTOZOD_DEV_CREDENTIALS,
    options: AUTOZOD_CREDENTIAL_OPTIONS,
    clientCredentials: autozodClientCredentials,
  },
  renderError: renderAutozodError,
  createHandler: createAutozodHandler,
  createAuthenticator: createAutozodAuthenticator,
};
