/** Enneo (ticketing): the reporting-worklog export and per-ticket worklogs, as one descriptor. */
import type { VendorDescriptor } from '../../src/core/types.ts';
import {
  ENNEO_CREDENTIAL_OPTIONS,
  ENNEO_DEV_CREDENTIALS,
  type EnneoClientCredentials,
  type EnneoCredentials,
  enneoClientCredentials,
} from './credentials.ts';
import { renderEnneoError } from './errors.ts';
import { createEnneoAuthenticator, createEnneoHandler } from './handler.ts';
import { ENNEO_SETTINGS, type EnneoSettings } from './settings.ts';

export type { EnneoClientCredentials, EnneoCredentials } from './credentials.ts';
export { renderEnneoError } from './errors.ts';
export { createEnneoHandler } from './handler.ts';
export type { EnneoSettings, ExportFormat, PrivacyLevel } from './settings.ts';
export { EXPORT_FORMATS, PRIVACY_LEVELS } from './settings.ts';
export { defaultEnneoToken, mintEnneoToken, parseExpiresIn } from './token.ts';

/** Enneo: served under `/enneo/api/mind`; the real API lives at https://demo.enneo.ai/api/mind. */
export const enneoVendor: VendorDescriptor<'enneo', EnneoCredentials, EnneoSettings, EnneoClientCredentials> =
  {
    name: 'enneo',
    title: 'Enneo',
    realBaseUrl: 'https://demo.enneo.ai/api/mind',
    basePath: '/enneo/api/mind',
    auth: {
      schemes: [
        { type: 'bearer', client: 'token' },
        { type: 'cookie', name: 'connect.sid', client: 'cookie' },
      ],
      devCredentials: ENNEO_DEV_CREDENTIALS,
      options: ENNEO_CREDENTIAL_OPTIONS,
      clientCredentials: enneoClientCredentials,
    },
    settings: ENNEO_SETTINGS,
    renderError: renderEnneoError,
    createHandler: createEnneoHandler,
    createAuthenticator: createEnneoAuthenticator,
  };
