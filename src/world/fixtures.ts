/**
 * The world on disk: one JSON file per view, one record per line, so that integrators can read
 * the files on their own and a regenerated fixture shows as a readable diff.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { checkRecords, fixtureChecks } from './fixture-check.ts';
import type { World } from './types.ts';

/** Fixture files relative to the fixture folder. */
export const FIXTURE_FILES = {
  people: 'people.json',
  meta: 'meta.json',
  exportRows: 'enneo/reporting_worklog.json',
  ticketWorklogs: 'enneo/ticket_worklogs.json',
  statusLogs: 'voipcube/user_statuses.json',
  sessions: 'autozod/sessions.json',
} as const;

/** `[\n{...},\n{...}\n]\n`: valid JSON with one record per line. */
export function recordsPerLine(records: readonly unknown[]): string {
  if (records.length === 0) return '[]\n';
  return `[\n${records.map((record) => JSON.stringify(record)).join(',\n')}\n]\n`;
}

/**
 * Writes the world to `dir` (created if missing), overwriting the fixture files.
 * @example await writeFixtures(generateWorld(), 'fixtures');
 */
export async function writeFixtures(world: World, dir: string): Promise<void> {
  const files: [string, string][] = [
    [FIXTURE_FILES.people, recordsPerLine(world.people)],
    [FIXTURE_FILES.meta, `${JSON.stringify(world.meta, null, 2)}\n`],
    [FIXTURE_FILES.exportRows, recordsPerLine(world.enneo.exportRows)],
    [FIXTURE_FILES.ticketWorklogs, recordsPerLine(world.enneo.ticketWorklogs)],
    [FIXTURE_FILES.statusLogs, recordsPerLine(world.voipcube.statusLogs)],
    [FIXTURE_FILES.sessions, recordsPerLine(world.autozod.sessions)],
  ];
  for (const [file, text] of files) {
    const path = join(dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, 'utf8');
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read fixture ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`fixture ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

async function readArray(dir: string, file: string): Promise<unknown[]> {
  const value = await readJson(dir, file);
  if (!Array.isArray(value)) throw new Error(`fixture ${join(dir, file)} must hold a JSON array`);
  return value;
}

/**
 * Reads a fixture folder written by {@link writeFixtures} (or by hand, in the same layout) and
 * checks every record: vendor records against the contracts, the others against their schemas.
 * @throws Error naming the file when one is missing or not JSON, and the file, record index and
 * field when a record is invalid.
 */
export async function readFixtures(dir: string): Promise<World> {
  const [checks, people, meta, exportRows, ticketWorklogs, statusLogs, sessions] = await Promise.all([
    fixtureChecks(),
    readArray(dir, FIXTURE_FILES.people),
    readJson(dir, FIXTURE_FILES.meta),
    readArray(dir, FIXTURE_FILES.exportRows),
    readArray(dir, FIXTURE_FILES.ticketWorklogs),
    readArray(dir, FIXTURE_FILES.statusLogs),
    readArray(dir, FIXTURE_FILES.sessions),
  ]);
  const path = (file: string) => join(dir, file);
  const metaProblems = checks.meta(meta);
  if (metaProblems.length > 0) {
    const [first] = metaProblems;
    throw new Error(
      `fixture ${path(FIXTURE_FILES.meta)}: field ${first!.pointer || '/'}: expected ${first!.expected}, found ${first!.actual}`,
    );
  }
  checkRecords(path(FIXTURE_FILES.people), people, checks.people);
  checkRecords(path(FIXTURE_FILES.exportRows), exportRows, checks.exportRows);
  checkRecords(path(FIXTURE_FILES.ticketWorklogs), ticketWorklogs, checks.ticketWorklogs);
  checkRecords(path(FIXTURE_FILES.statusLogs), statusLogs, checks.statusLogs);
  checkRecords(path(FIXTURE_FILES.sessions), sessions, checks.sessions);
  // Every record has just been checked against the shape its type describes.
  return {
    meta: meta as World['meta'],
    people: people as World['people'],
    enneo: {
      exportRows: exportRows as World['enneo']['exportRows'],
      ticketWorklogs: ticketWorklogs as World['enneo']['ticketWorklogs'],
    },
    voipcube: { statusLogs: statusLogs as World['voipcube']['statusLogs'] },
    autozod: { sessions: sessions as World['autozod']['sessions'] },
  };
}
