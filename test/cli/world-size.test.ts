/** The size flags: without --tickets the ticket count follows --agents and --days (12 per agent-day). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'standin-world-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta = (out: string) => JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as unknown;

describe('standin fixtures: world size', () => {
  it('derives the ticket count from --agents and --days when --tickets is not given', async () => {
    const out = join(dir, 'derived');
    const res = await cli(['fixtures', '--out', out, '--agents', '2', '--days', '7']);
    expect(res.code).toBe(0);
    expect(meta(out)).toEqual({ seed: 42, anchor: '2025-09-30', size: { agents: 2, days: 7, tickets: 168 } });
  });

  it('keeps an explicit --tickets', async () => {
    const out = join(dir, 'explicit');
    expect(
      (await cli(['fixtures', '--out', out, '--agents', '2', '--days', '7', '--tickets', '5'])).code,
    ).toBe(0);
    expect(meta(out)).toEqual({ seed: 42, anchor: '2025-09-30', size: { agents: 2, days: 7, tickets: 5 } });
  });

  it('says so in --help, with the default world’s size', async () => {
    const res = await cli(['serve', '--help']);
    expect(res.stdout).toMatch(/--days <count>\s+world size: number of days \(default: 42\)/);
    expect(res.stdout.replace(/\s+/g, ' ')).toContain(
      '--tickets <count> world size: number of tickets (default: 12 per agent and day, 6048 in the default world)',
    );
  });
});
