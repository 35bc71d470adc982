/**
 * Data overrides (`POST /__standin/stubs` with `{vendor, dataset, rows}`): rows checked against
 * the contract, then served instead of the world's rows for that dataset. Rather than a canned
 * answer, the vendor's own handler is rebuilt over a derived world, so that every rule (paging,
 * sorting, privacy, formats, date ranges, summaries) applies to the rows as to the world's.
 */
import type { FixtureChecks } from '../world/fixture-check.ts';
import { copyView } from '../world/lazy-views.ts';
import type { AutozodSession, ExportRow, StatusLog, TicketWorklogEntry, World } from '../world/types.ts';
import { isVendorName, VENDORS, type VendorName } from './registry.ts';
import { DATASET_VENDORS, type DataOverride, type Dataset } from './stubs-store.ts';

/** A data override as posted. */
export interface DataOverrideInput {
  vendor: VendorName;
  dataset: Dataset;
  rows: unknown[];
}

const DATASETS = Object.keys(DATASET_VENDORS) as Dataset[];
const MAX_ROWS = 10_000;

const CHECK_OF: Record<Dataset, keyof FixtureChecks> = {
  exportRows: 'exportRows',
  ticketWorklogs: 'ticketWorklogs',
  userStatuses: 'statusLogs',
  sessions: 'sessions',
};

let checks: Promise<FixtureChecks> | undefined;

/** Whether a posted stub body is a data override (it names a dataset). */
export const isOverrideBody = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && 'dataset' in body;

/**
 * Checks an override body against the contract's schemas; never throws for bad input.
 * @returns the override to store, or the field and why (`rows[3].duration`).
 */
export async function validateOverride(
  body: Record<string, unknown>,
): Promise<{ ok: true; value: Omit<DataOverride, 'id'> } | { ok: false; field: string; message: string }> {
  const fail = (field: string, message: string) => ({ ok: false as const, field, message });
  for (const key of Object.keys(body)) {
    if (key !== 'vendor' && key !== 'dataset' && key !== 'rows') {
      return fail(
        key.slice(0, 50),
        `unknown field ${JSON.stringify(key.slice(0, 50))}; a data override has vendor, dataset, rows`,
      );
    }
  }
  const { vendor, dataset, rows } = body;
  if (!isVendorName(vendor)) return fail('vendor', `vendor must be one of ${VENDORS.join(', ')}`);
  if (typeof dataset !== 'string' || !(DATASETS as string[]).includes(dataset)) {
    return fail('dataset', `dataset must be one of ${DATASETS.join(', ')}`);
  }
  const owner = DATASET_VENDORS[dataset as Dataset];
  if (owner !== vendor) return fail('dataset', `dataset ${dataset} belongs to ${owner}, not ${vendor}`);
  if (!Array.isArray(rows) || rows.length > MAX_ROWS) {
    return fail('rows', `rows must be an array of at most ${MAX_ROWS} ${dataset} records`);
  }
  // Imported on first use: the checks need the contract loader and ajv, which a server that is
  // never sent a data override should not load (about 35 MB of resident memory).
  checks ??= import('../world/fixture-check.ts').then((m) => m.fixtureChecks());
  const check = (await checks)[CHECK_OF[dataset as Dataset]];
  for (let index = 0; index < rows.length; index += 1) {
    const problems = check(rows[index]);
    if (problems.length === 0) continue;
    const first = problems[0]!;
    const field = `rows[${index}]${first.pointer
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('')}`;
    return fail(field, `${field}: expected ${first.expected}, found ${first.actual}`);
  }
  return { ok: true, value: { vendor, dataset: dataset as Dataset, rows: structuredClone(rows) } };
}

const byNumber = (a: number | null, b: number | null) =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The world with the overridden datasets replaced, each sorted into the canonical order the world
 * generator keeps (World's doc comment): handlers' indexes assume it.
 */
export function worldWith(world: World, overrides: Partial<Record<Dataset, unknown[]>>): World {
  // Copies that keep a generated world's arrays unbuilt where they are not overridden.
  const enneo = copyView(world.enneo);
  const voipcube = copyView(world.voipcube);
  const autozod = copyView(world.autozod);
  if (overrides.exportRows) {
    enneo.exportRows = [...(overrides.exportRows as ExportRow[])].sort((a, b) =>
      byNumber(a.userWorklogId, b.userWorklogId),
    );
  }
  if (overrides.ticketWorklogs) {
    enneo.ticketWorklogs = [...(overrides.ticketWorklogs as TicketWorklogEntry[])].sort(
      (a, b) => a.id - b.id,
    );
  }
  if (overrides.userStatuses) {
    voipcube.statusLogs = [...(overrides.userStatuses as StatusLog[])].sort(
      (a, b) => byText(a.time, b.time) || byText(a.userId, b.userId),
    );
  }
  if (overrides.sessions) {
    autozod.sessions = [...(overrides.sessions as AutozodSession[])].sort(
      (a, b) => byText(a.start, b.start) || byText(a.agentId, b.agentId),
    );
  }
  return { ...world, enneo, voipcube, autozod };
}
