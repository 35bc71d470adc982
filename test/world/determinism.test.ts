import { describe, expect, it } from 'vitest';
import { DEFAULT_ANCHOR, DEFAULT_SEED, DEFAULT_SIZE, generateWorld } from '../../src/world/index.ts';
import { sharedWorld } from '../support/worlds.ts';
import { DAY_MS, dayMs, enneoMs, isoMs } from './helpers.ts';

const small = { agents: 5, days: 60, tickets: 300 };
/** The world the comparisons below start from; each is compared with a world of other options. */
const base = () => sharedWorld({ size: small });

describe('generateWorld determinism', () => {
  it('gives byte-identical worlds for the same seed, anchor and size', () => {
    const a = JSON.stringify(sharedWorld());
    const b = JSON.stringify(
      generateWorld({ seed: DEFAULT_SEED, anchor: DEFAULT_ANCHOR, size: { ...DEFAULT_SIZE } }),
    );
    expect(b).toBe(a);
  });

  it('records seed, anchor and size in meta', () => {
    expect(sharedWorld({ seed: 7, anchor: '2026-01-15', size: small }).meta).toEqual({
      seed: 7,
      anchor: '2026-01-15',
      size: small,
    });
    expect(sharedWorld().meta).toEqual({
      seed: 42,
      anchor: '2025-09-30',
      // Six weeks; the ticket count is derived: 12 a day per agent (12 × 42 × 12).
      size: { agents: 12, days: 42, tickets: 6_048 },
    });
  });

  it('gives other people and other activity for another seed', () => {
    const a = base();
    const b = generateWorld({ seed: 43, size: small });
    expect(b.people.map((p) => p.voipcube?.userId)).not.toEqual(a.people.map((p) => p.voipcube?.userId));
    expect(b.people.map((p) => p.enneo?.name)).not.toEqual(a.people.map((p) => p.enneo?.name));
    expect(b.voipcube.statusLogs.slice(0, 50)).not.toEqual(a.voipcube.statusLogs.slice(0, 50));
    expect(b.enneo.exportRows.slice(0, 50)).not.toEqual(a.enneo.exportRows.slice(0, 50));
  });

  it('keeps people identical and moves every time to the new anchor', () => {
    const a = base();
    const b = generateWorld({ anchor: '2026-03-14', size: small });
    expect(b.people).toEqual(a.people);
    const newAnchor = dayMs('2026-03-14');
    expect(b.voipcube.statusLogs.at(-1)!.time.slice(0, 10)).toBe('2026-03-14');
    expect(b.autozod.sessions.at(-1)!.start.slice(0, 10)).toBe('2026-03-14');
    expect(b.enneo.exportRows.at(-1)!.date.slice(0, 10)).toBe('2026-03-14');
    expect(isoMs(b.voipcube.statusLogs[0]!.time)).toBeGreaterThanOrEqual(
      newAnchor - (small.days - 1) * DAY_MS,
    );
    expect(enneoMs(b.enneo.exportRows[0]!.date)).toBeGreaterThanOrEqual(
      newAnchor - (small.days - 1) * DAY_MS,
    );
  });

  it('keeps the first agents unchanged when more agents are asked for', () => {
    const a = base();
    const b = generateWorld({ size: { ...small, agents: 8 } });
    expect(b.people.slice(0, small.agents)).toEqual(a.people.slice(0, small.agents));
  });
});

describe('generateWorld options', () => {
  it.each([
    ['now', 'anchor must be a calendar day YYYY-MM-DD, got "now"'],
    ['2025-9-30', 'anchor must be a calendar day YYYY-MM-DD, got "2025-9-30"'],
    ['2025-02-30', 'anchor must be a real calendar day, got "2025-02-30"'],
    ['2025-09-30T00:00:00Z', 'anchor must be a calendar day YYYY-MM-DD, got "2025-09-30T00:00:00Z"'],
  ])('rejects the anchor %s', (anchor, message) => {
    expect(() => generateWorld({ anchor })).toThrow(new Error(message));
  });

  it.each([
    [{ agents: 0 }, 'size.agents must be an integer >= 1, got 0'],
    [{ days: 1.5 }, 'size.days must be an integer >= 1, got 1.5'],
    [{ tickets: -1 }, 'size.tickets must be an integer >= 0, got -1'],
  ])('rejects the size %j', (size, message) => {
    expect(() => generateWorld({ size })).toThrow(new Error(message));
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => generateWorld({ seed: 1.5 })).toThrow(new Error('seed must be an integer, got 1.5'));
  });

  it('derives the ticket count from agents and days when it is not given (or given as undefined)', () => {
    expect(generateWorld({ size: { agents: 3, days: 20, tickets: undefined } }).meta.size).toEqual({
      agents: 3,
      days: 20,
      tickets: 720,
    });
    expect(generateWorld({ size: { agents: 2, days: 7 } }).meta.size).toEqual({
      agents: 2,
      days: 7,
      tickets: 168,
    });
    expect(generateWorld({ size: { agents: 2, days: 7, tickets: 5 } }).meta.size.tickets).toBe(5);
  });

  it('makes the requested number of tickets in a roomy world', () => {
    const world = generateWorld({ size: { agents: 4, days: 30, tickets: 100 } });
    expect(new Set(world.enneo.exportRows.map((r) => r.ticketId)).size).toBe(100);
  });

  it('builds an empty Enneo for zero tickets and still staffs the anchor day', () => {
    const world = generateWorld({ size: { agents: 2, days: 10, tickets: 0 } });
    expect(world.enneo).toEqual({ exportRows: [], ticketWorklogs: [] });
    expect(world.autozod.sessions.at(-1)!.start.slice(0, 10)).toBe(DEFAULT_ANCHOR);
  });

  it('puts an agent on call when the anchor is a Sunday, so the newest activity is still that day', () => {
    const world = generateWorld({ anchor: '2025-09-28', size: { agents: 3, days: 30, tickets: 50 } });
    expect(world.voipcube.statusLogs.at(-1)!.time.slice(0, 10)).toBe('2025-09-28');
    expect(world.autozod.sessions.at(-1)!.start.slice(0, 10)).toBe('2025-09-28');
    expect(world.enneo.exportRows.at(-1)!.date.slice(0, 10)).toBe('2025-09-28');
  });
});
