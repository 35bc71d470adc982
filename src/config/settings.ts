/**
 * Run-time settings of the mock that the vendors' own backends would hold (changeable via
 * /__standin/settings). Each vendor's descriptor declares its own; this holds them live.
 */
import { DEFAULT_SETTINGS, type Settings } from '../core/registry.ts';

export type { Settings } from '../core/registry.ts';
/** @deprecated import from the registry (src/core/registry.ts); kept while the CLI still imports them here. */
export {
  DEFAULT_SETTINGS,
  EXPORT_FORMATS,
  type ExportFormat,
  PRIVACY_LEVELS,
  type PrivacyLevel,
} from '../core/registry.ts';

/** A live view of the settings; handlers read it per request so that changes apply at once. */
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
