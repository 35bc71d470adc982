/** Run-time settings of the mock that the vendors' own backends would hold (changeable via /__standin/settings). */
export const PRIVACY_LEVELS = ['none', 'partiallyPseudonymized', 'pseudonymized'] as const;
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number];

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface Settings {
  enneo: {
    /** Enneo's backend setting `reportingPrivacyLevel`. */
    reportingPrivacyLevel: PrivacyLevel;
    /** Enneo's backend setting `defaultDateExportFormat`: the export format when `format` is absent. */
    defaultDateExportFormat: ExportFormat;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' },
};

/** A live view of the settings; routers read it per request so that changes apply at once. */
export interface SettingsStore {
  get(): Readonly<Settings>;
  set(next: Settings): void;
  reset(): void;
}

export function createSettingsStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore {
  const start = structuredClone(initial);
  let current = structuredClone(initial);
  return {
    get: () => current,
    set: (next) => {
      current = structuredClone(next);
    },
    reset: () => {
      current = structuredClone(start);
    },
  };
}
