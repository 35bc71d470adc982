/**
 * Validation of settings changes (`PUT /__standin/settings`, and `createApp({ settings })`).
 * Pure: the current settings and a patch in, the next settings or the problem out.
 */
import { SETTINGS_SCHEMA, type Settings } from '../core/registry.ts';

/** The problem with a settings patch: which field, why, and what it may be. */
export interface SettingsProblem {
  field: string;
  message: string;
  allowed?: readonly string[];
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; problem: SettingsProblem };

/** Every setting, by vendor, with the values it may take (from the vendors' descriptors). */
const ALLOWED: Record<string, Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(SETTINGS_SCHEMA).map(([vendor, fields]) => [
    vendor,
    Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, spec.allowed])),
  ]),
);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Applies a partial settings object such as `{"enneo":{"reportingPrivacyLevel":"pseudonymized"}}`.
 * Settings the patch leaves out keep their values; any unknown key or bad value refuses the whole
 * patch, so a refused change changes nothing.
 */
export function applySettingsPatch(current: Readonly<Settings>, patch: unknown): SettingsResult {
  const fail = (problem: SettingsProblem): SettingsResult => ({ ok: false, problem });
  if (!isObject(patch)) {
    return fail({
      field: 'body',
      message: 'the body must be a JSON object such as {"enneo":{"reportingPrivacyLevel":"pseudonymized"}}',
    });
  }
  const next = structuredClone(current) as Settings;
  for (const vendor of Object.keys(patch)) {
    const fields = Object.hasOwn(ALLOWED, vendor) ? ALLOWED[vendor] : undefined;
    if (fields === undefined) {
      return fail({
        field: vendor,
        message: `unknown settings group ${JSON.stringify(vendor)}; the settings are ${Object.keys(ALLOWED).join(', ')}`,
        allowed: Object.keys(ALLOWED),
      });
    }
    const group = patch[vendor];
    if (!isObject(group)) {
      return fail({ field: vendor, message: `${vendor} must be an object of settings` });
    }
    for (const name of Object.keys(group)) {
      const field = `${vendor}.${name}`;
      const allowed = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (allowed === undefined) {
        return fail({
          field,
          message: `unknown setting ${field}; ${vendor} has ${Object.keys(fields).join(', ')}`,
          allowed: Object.keys(fields),
        });
      }
      const value = group[name];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        return fail({ field, message: `${field} must be one of ${allowed.join(', ')}`, allowed });
      }
      (next as unknown as Record<string, Record<string, string>>)[vendor]![name] = value;
    }
  }
  return { ok: true, settings: next };
}
