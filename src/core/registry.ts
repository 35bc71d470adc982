/**
 * The one list of vendors. Everything else in src/ learns about vendors from here (and src/ imports
 * mocks/ only here): adding a vendor is one folder under mocks/ and one line in VENDOR_DESCRIPTORS.
 */
import { autozodVendor } from '../../mocks/autozod/index.ts';
import { enneoVendor } from '../../mocks/enneo/index.ts';
import { voipcubeVendor } from '../../mocks/voipcube/index.ts';
import type { CredentialOption, SettingSpec, SettingsSchema } from './types.ts';

export { autozodVendor, enneoVendor, voipcubeVendor };

/** Every vendor standin serves, in the order the docs and the banner list them. */
export const VENDOR_DESCRIPTORS = [enneoVendor, voipcubeVendor, autozodVendor] as const;

type Descriptor = (typeof VENDOR_DESCRIPTORS)[number];
export type VendorName = Descriptor['name'];
type Named<V extends VendorName> = Extract<Descriptor, { name: V }>;

type CredentialsOf<D> = D extends { auth: { devCredentials: Readonly<infer C> } } ? C : never;
type SettingsOf<D> = D extends { settings?: infer T }
  ? NonNullable<T> extends SettingsSchema<infer S>
    ? S
    : never
  : never;
type ClientOf<D> = D extends { auth: { clientCredentials(credentials: never): Promise<infer K> } }
  ? K
  : never;

/** Every vendor's name, in registry order. */
export const VENDORS = VENDOR_DESCRIPTORS.map((d) => d.name) as readonly VendorName[];

/** Credentials the mock accepts, per vendor. */
export type Credentials = { [V in VendorName]: CredentialsOf<Named<V>> };

/** Exactly the JSON `standin credentials --json` prints: what a client sends, per vendor. */
export type ClientCredentials = { [V in VendorName]: ClientOf<Named<V>> };

/** Run-time settings, per vendor that has any (vendors without settings have no group). */
export type Settings = {
  [V in VendorName as keyof SettingsOf<Named<V>> extends never ? never : V]: SettingsOf<Named<V>>;
};

/** The descriptor of one vendor. */
export function vendorDescriptor<V extends VendorName>(name: V): Named<V> {
  return VENDOR_DESCRIPTORS.find((d) => d.name === name) as Named<V>;
}

export function isVendorName(value: unknown): value is VendorName {
  return typeof value === 'string' && (VENDORS as readonly string[]).includes(value);
}

/** How each vendor is called in the docs, the banner and `standin credentials`. */
export const VENDOR_TITLES = Object.fromEntries(VENDOR_DESCRIPTORS.map((d) => [d.name, d.title])) as Record<
  VendorName,
  string
>;

/** The well-known development credentials, per vendor. */
export const DEFAULT_CREDENTIALS = Object.fromEntries(
  VENDOR_DESCRIPTORS.map((d) => [d.name, d.auth.devCredentials]),
) as Credentials;

/** Every vendor's default settings, for the vendors that have settings. */
export const DEFAULT_SETTINGS = Object.fromEntries(
  VENDOR_DESCRIPTORS.flatMap((d) => ('settings' in d && d.settings ? [[d.name, d.settings.defaults]] : [])),
) as Settings;

/** Each settings group's fields and their specs (allowed values, CLI flag, env variable). */
export const SETTINGS_SCHEMA: Readonly<Record<string, Readonly<Record<string, SettingSpec>>>> =
  Object.fromEntries(
    VENDOR_DESCRIPTORS.flatMap((d) =>
      'settings' in d && d.settings ? [[d.name, d.settings.fields as Record<string, SettingSpec>]] : [],
    ),
  );

/** A credential flag of the CLI: which vendor and field it sets. */
export interface CredentialFlag extends CredentialOption<Record<string, string>> {
  vendor: VendorName;
}

/** Every credential the CLI can set (`--enneo-secret`, `--voipcube-key`, …), in registry order. */
export const CREDENTIAL_FLAGS: readonly CredentialFlag[] = VENDOR_DESCRIPTORS.flatMap((d) =>
  (d.auth.options as readonly CredentialOption<object>[]).map((o) => ({ ...o, vendor: d.name })),
) as readonly CredentialFlag[];

/** A setting the CLI can set at start-up (`--enneo-privacy`, …). */
export interface SettingFlag extends SettingSpec {
  vendor: VendorName;
  field: string;
}

export const SETTING_FLAGS: readonly SettingFlag[] = Object.entries(SETTINGS_SCHEMA).flatMap(
  ([vendor, fields]) =>
    Object.entries(fields).map(([field, spec]) => ({ ...spec, vendor: vendor as VendorName, field })),
);

export type { ExportFormat, PrivacyLevel } from '../../mocks/enneo/index.ts';
// Enneo's token tools serve the CLI's `standin token enneo` and tests; re-exported here so that
// src/ reaches mocks/ through this file alone.
export {
  defaultEnneoToken,
  EXPORT_FORMATS,
  mintEnneoToken,
  PRIVACY_LEVELS,
  parseExpiresIn,
} from '../../mocks/enneo/index.ts';
