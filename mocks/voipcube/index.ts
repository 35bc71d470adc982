/** VoIPcube (3CX telephony): user status logs, as one descriptor. */
import type { VendorDescriptor } from '../../src/core/types.ts';
import {
  VOIPCUBE_CREDENTIAL_OPTIONS,
  VOIPCUBE_DEV_CREDENTIALS,
  type VoipcubeClientCredentials,
  type VoipcubeCredentials,
  voipcubeClientCredentials,
} from './credentials.ts';
import { renderVoipcubeError } from './errors.ts';
import { createVoipcubeAuthenticator, createVoipcubeHandler } from './handler.ts';

export type { VoipcubeClientCredentials, VoipcubeCredentials } from './credentials.ts';
export { renderVoipcubeError } from './errors.ts';
export { createVoipcubeHandler } from './handler.ts';

/** VoIPcube: served under `/voipcube`; the real API lives at https://customer.voipcube.nl. */
export const voipcubeVendor: VendorDescriptor<
  'voipcube',
  VoipcubeCredentials,
  Record<never, never>,
  VoipcubeClientCredentials
> = {
  name: 'voipcube',
  title: 'VoIPcube',
  realBaseUrl: 'https://customer.voipcube.nl',
  basePath: '/voipcube',
  auth: {
    schemes: [{ type: 'header', name: 'Key', client: 'key' }],
    devCredentials: VOIPCUBE_DEV_CREDENTIALS,
    options: VOIPCUBE_CREDENTIAL_OPTIONS,
    clientCredentials: voipcubeClientCredentials,
  },
  renderError: renderVoipcubeError,
  createHandler: createVoipcubeHandler,
  createAuthenticator: createVoipcubeAuthenticator,
};
