import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES, readFixtures, recordsPerLine, writeFixtures } from '../../src/world/fixtures.ts';
import { generateWorld } from '../../src/world/index.ts';
import type { World } from '../../src/world/types.ts';

const COMMITTED = join(import.meta.dirname, '../../fixtures');
const FILES = Object.values(FIXTURE_FILES);
let dir: string;
let world: World;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'standin-fixtures-'));
  world = generateWorld();
  await writeFixtures(world, dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string, under = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(root, path)));
    else out.push(path);
  }
  return out.sort();
}

/** A copy of the fresh fixtures with one file replaced. */
async function withFile(file: string, text: string): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'standin-bad-fixtures-'));
  await writeFixtures(world, copy);
  await writeFile(join(copy, file), text);
  return copy;
}

describe('committed fixtures', () => {
  it('are exactly what the generator writes for the default world (run `npm run fixtures` when this fails)', async () => {
    expect(await listFiles(COMMITTED)).toEqual([...FILES].sort());
    for (const file of FILES) {
      const fresh = await readFile(join(dir, file));
      const committed = await readFile(join(COMMITTED, file));
      expect(committed.equals(fresh), `${file} is stale`).toBe(true);
    }
  });

  it('stay under 30 MB in total (the default span is chosen for it)', async () => {
    let total = 0;
    for (const file of FILES) total += (await stat(join(COMMITTED, file))).size;
    expect(total).toBeLessThan(30 * 1024 * 1024);
  });

  it('hold one record per line, as JSON arrays', async () => {
    const text = await readFile(join(COMMITTED, FIXTURE_FILES.statusLogs), 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines.at(-2)).toBe(']');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 3).toBe(world.voipcube.statusLogs.length);
    expect(JSON.parse(lines[1]!.replace(/,$/, ''))).toEqual(world.voipcube.statusLogs[0]);
    expect(JSON.parse(await readFile(join(COMMITTED, FIXTURE_FILES.meta), 'utf8'))).toEqual(world.meta);
  });

  it('write an empty list as []', () => {
    expect(recordsPerLine([])).toBe('[]\n');
    expect(recordsPerLine([{ a: 1 }, { b: 'x' }])).toBe('[\n{"a":1},\n{"b":"x"}\n]\n');
  });
});

describe('readFixtures', () => {
  it('reads back exactly the world that was written', async () => {
    expect(await readFixtures(dir)).toEqual(world);
  });

  it('refuses an export row that breaks the contract, naming file, record and field', async () => {
    const rows = structuredClone(world.enneo.exportRows);
    (rows[3] as unknown as Record<string, unknown>).duration = 'long';
    const bad = await withFile(FIXTURE_FILES.exportRows, recordsPerLine(rows));
    await expect(readFixtures(bad)).rejects.toThrow(
      `fixture ${join(bad, 'enneo/reporting_worklog.json')}: record 3, field /duration: expected integer, found "long"`,
    );
    await rm(bad, { recursive: true });
  });

  it('refuses a ticket worklog entry, a status log and a session that break their shapes', async () => {
    const entries = structuredClone(world.enneo.ticketWorklogs);
    (entries[0]!.worklog as unknown as Record<string, unknown>).action = 'flyAction';
    let bad = await withFile(FIXTURE_FILES.ticketWorklogs, recordsPerLine(entries));
    await expect(readFixtures(bad)).rejects.toThrow(
      /ticket_worklogs\.json: record 0, field \/worklog\/action: expected one of/,
    );
    await rm(bad, { recursive: true });

    const logs = structuredClone(world.voipcube.statusLogs);
    logs[7]!.userId = 'not-a-uuid';
    bad = await withFile(FIXTURE_FILES.statusLogs, recordsPerLine(logs));
    await expect(readFixtures(bad)).rejects.toThrow(
      /user_statuses\.json: record 7, field \/userId: expected format uuid/,
    );
    await rm(bad, { recursive: true });

    const sessions = structuredClone(world.autozod.sessions);
    sessions[2]!.end = sessions[2]!.start.replace(/^(\d{4})/, (y) => String(Number(y) - 1));
    bad = await withFile(FIXTURE_FILES.sessions, recordsPerLine(sessions));
    await expect(readFixtures(bad)).rejects.toThrow(
      /sessions\.json: record 2, field \/end: expected a time after start/,
    );
    await rm(bad, { recursive: true });
  });

  it('refuses a person without the documented shape and a meta without its size', async () => {
    const people = structuredClone(world.people) as unknown as Record<string, unknown>[];
    people[1]!.autozod = { agentId: 'XYZ', teamId: '1000' };
    let bad = await withFile(FIXTURE_FILES.people, recordsPerLine(people));
    await expect(readFixtures(bad)).rejects.toThrow(
      /people\.json: record 1, field \/autozod\/agentId: expected format objectid, found "XYZ"/,
    );
    await rm(bad, { recursive: true });

    bad = await withFile(FIXTURE_FILES.meta, JSON.stringify({ seed: 1, anchor: '2025-01-01' }));
    await expect(readFixtures(bad)).rejects.toThrow(
      /meta\.json: field \/size: expected required property size/,
    );
    await rm(bad, { recursive: true });
  });

  it('names a missing or malformed file', async () => {
    let bad = await withFile(FIXTURE_FILES.sessions, '[{"agentId":');
    await expect(readFixtures(bad)).rejects.toThrow(
      `fixture ${join(bad, 'autozod/sessions.json')} is not valid JSON`,
    );
    await rm(bad, { recursive: true });
    bad = await withFile(FIXTURE_FILES.people, '{}');
    await expect(readFixtures(bad)).rejects.toThrow(
      `fixture ${join(bad, 'people.json')} must hold a JSON array`,
    );
    await rm(bad, { recursive: true });
    await expect(readFixtures(join(dir, 'nowhere'))).rejects.toThrow(/cannot read fixture .*nowhere/);
  });
});
