import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, generateWorld } from '../../src/world/index.ts';

const world = generateWorld();
const people = world.people;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the default world: people', () => {
  it('has exactly the documented shape, a vendor the person is absent from being null', () => {
    for (const person of people) {
      expect(Object.keys(person)).toEqual(['enneo', 'voipcube', 'autozod']);
      if (person.enneo)
        expect(Object.keys(person.enneo)).toEqual(['userId', 'name', 'email', 'department', 'teams']);
      if (person.voipcube) expect(Object.keys(person.voipcube)).toEqual(['userId']);
      if (person.autozod) expect(Object.keys(person.autozod)).toEqual(['agentId', 'teamId']);
    }
  });

  it('has the agents in all three vendors, two field technicians without Enneo, and an admin and the AI bot in Enneo only', () => {
    const kinds = people.map((p) => [p.enneo !== null, p.voipcube !== null, p.autozod !== null].join());
    expect(kinds.filter((k) => k === 'true,true,true')).toHaveLength(DEFAULT_SIZE.agents);
    expect(kinds.filter((k) => k === 'false,true,true')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'true,false,false')).toHaveLength(2);
    expect(people.filter((p) => p.voipcube === null).map((p) => p.enneo!.userId)).toEqual([1, 2]);
  });

  it('gives unique ids: integer Enneo ids, UUID v4 VoIPcube ids, 24-hex Autozod ids', () => {
    const enneo = people.flatMap((p) => (p.enneo ? [p.enneo.userId] : []));
    const voipcube = people.flatMap((p) => (p.voipcube ? [p.voipcube.userId] : []));
    const autozod = people.flatMap((p) => (p.autozod ? [p.autozod.agentId] : []));
    expect(enneo.every(Number.isSafeInteger)).toBe(true);
    expect(voipcube.filter((id) => !UUID_V4.test(id))).toEqual([]);
    expect(autozod.filter((id) => !/^[0-9a-f]{24}$/.test(id))).toEqual([]);
    for (const ids of [enneo, voipcube, autozod]) expect(new Set<unknown>(ids).size).toBe(ids.length);
  });

  it('gives unique e-mails built from the names, departments of an energy supplier and string team ids', () => {
    const users = people.flatMap((p) => (p.enneo ? [p.enneo] : []));
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(users.filter((u) => !/^[a-z0-9.-]+@care\.example\.com$/.test(u.email))).toEqual([]);
    const departments = new Set(['Customer care', 'Billing', 'Field service', 'Operations']);
    expect(users.filter((u) => !departments.has(u.department))).toEqual([]);
    expect(new Set(users.map((u) => u.department)).size).toBeGreaterThanOrEqual(3);
    const teams = new Set(people.flatMap((p) => (p.autozod ? [p.autozod.teamId] : [])));
    expect([...teams].every((t) => /^\d{4}$/.test(t))).toBe(true);
    expect(teams.size).toBeGreaterThanOrEqual(2);
  });

  it('lets every Enneo user, VoIPcube user and Autozod agent with activity be found in people', () => {
    const enneo = new Set(people.flatMap((p) => (p.enneo ? [p.enneo.userId] : [])));
    const voipcube = new Set(people.flatMap((p) => (p.voipcube ? [p.voipcube.userId] : [])));
    const autozod = new Set(people.flatMap((p) => (p.autozod ? [p.autozod.agentId] : [])));
    expect(world.enneo.exportRows.filter((r) => !enneo.has(r.userId!))).toEqual([]);
    expect(world.voipcube.statusLogs.filter((l) => !voipcube.has(l.userId))).toEqual([]);
    expect(world.autozod.sessions.filter((s) => !autozod.has(s.agentId))).toEqual([]);
    // Everyone who works shifts has activity in the world.
    expect(new Set(world.voipcube.statusLogs.map((l) => l.userId)).size).toBe(voipcube.size);
  });
});
