/** Enneo's backend settings that shape its answers (changeable at run time via /__standin/settings). */
import type { SettingsSchema } from '../../src/core/types.ts';

export const PRIVACY_LEVELS = ['none', 'partiallyPseudonymized', 'pseudonymized'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface EnneoSettings {
  /** Enneo's backend setting `reportingPrivacyLevel`. */
  reportingPrivacyLevel: PrivacyLevel;
  /** Enneo's backend setting `defaultDateExportFormat`: the export format when `format` is absent. */
  defaultDateExportFormat: ExportFormat;
}

export const ENNEO_SETTINGS: SettingsSchema<EnneoSettings> = {
  defaults: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' },
  fields: {
    reportingPrivacyLevel: {
      allowed: PRIVACY_LEVELS,
      flag: '--enneo-privacy',
      env: 'STANDIN_ENNEO_PRIVACY',
      description: "Enneo's reportingPrivacyLevel setting",
    },
    defaultDateExportFormat: {
      allowed: EXPORT_FORMATS,
      flag: '--enneo-default-format',
      env: 'STANDIN_ENNEO_DEFAULT_FORMAT',
      description: "Enneo's defaultDateExportFormat setting",
    },
  },
};
