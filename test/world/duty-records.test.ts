import { describe, expect, it } from 'vitest';
import { createSessionIndex } from '../../mocks/autozod/session-index.ts';
import { createLogStore } from '../../mocks/voipcube/log-store.ts';
import { worldWith } from '../../src/core/overrides.ts';
import { SessionRecords, StatusLogRecords, sessionsOf, statusLogsOf } from '../../src/world/duty-records.ts';
import { EnneoRecords, enneoSources } from '../../src/world/enneo-views.ts';
import { generateWorld } from '../../src/world/index.ts';
import { copyView } from '../../src/world/lazy-views.ts';

const options = { seed: 5, anchor: '2025-03-31', size: { agents: 7, days: 45, tickets: 50 } };
/** Two copies of one world: one read through its compact records only, one built whole. */
const onDemand = generateWorld(options);
const whole = generateWorld(options);
const logs = whole.voipcube.statusLogs;
const sessions = whole.autozod.sessions;
const DAY_MS = 86_400_000;

describe("a generated world's status logs and sessions, built on demand", () => {
  it('are compact records while nobody reads the arrays, each record as the array holds it', () => {
    const logRecords = statusLogsOf(onDemand.voipcube);
    const sessionRecords = sessionsOf(onDemand.autozod);
    expect(logRecords).toBeInstanceOf(StatusLogRecords);
    expect(sessionRecords).toBeInstanceOf(SessionRecords);
    expect(logs.length).toBeGreaterThan(1_000);
    expect(logRecords.length).toBe(logs.length);
    expect(Array.from({ length: logs.length }, (_, i) => logRecords.log(i))).toStrictEqual(logs);
    expect(logs.map((_, i) => logRecords.timeMs(i))).toEqual(logs.map((log) => Date.parse(log.time)));
    expect(sessionRecords.length).toBe(sessions.length);
    expect(Array.from({ length: sessions.length }, (_, i) => sessionRecords.session(i))).toStrictEqual(
      sessions,
    );
  });

  it('answer the same VoIPcube selections as the array does', () => {
    const compact = createLogStore(statusLogsOf(onDemand.voipcube));
    const plain = createLogStore(logs);
    const from = Date.parse(logs[0]!.time);
    const users = [...new Set(logs.map((log) => log.userId))];
    for (const [fromMs, toMs] of [
      [from, from + 45 * DAY_MS],
      [from + 10 * DAY_MS, from + 12 * DAY_MS],
    ] as const) {
      for (const filter of [undefined, new Set(users.slice(0, 1)), new Set(users.slice(1, 4))]) {
        const a = compact.select({ fromMs, toMs }, filter);
        const b = plain.select({ fromMs, toMs }, filter);
        expect(a.count).toBe(b.count);
        expect([...a.json(3, 200)]).toEqual([...b.json(3, 200)]);
      }
    }
  });

  it('answer the same Autozod days as the array does', () => {
    const compact = createSessionIndex(onDemand);
    const plain = createSessionIndex({ people: whole.people, autozod: { sessions: [...sessions] } });
    const agents = [...new Set(sessions.map((s) => s.agentId))];
    const first = Math.floor(Date.parse(sessions[0]!.start) / DAY_MS);
    const last = Math.floor(Date.parse(sessions.at(-1)!.start) / DAY_MS);
    for (const ids of [agents, agents.slice(0, 1), [...agents].reverse().slice(0, 3)]) {
      expect(compact.daysFor(ids, first, last)).toEqual(plain.daysFor(ids, first, last));
    }
  });

  it('give way to arrays assigned or copied over them', () => {
    const world = generateWorld(options);
    const replaced = world.voipcube.statusLogs.slice(0, 2);
    world.voipcube.statusLogs = replaced;
    expect(statusLogsOf(world.voipcube).log(1)).toBe(replaced[1]);
    expect(statusLogsOf(world.voipcube).length).toBe(2);
    const kept = copyView(world.autozod);
    expect(sessionsOf(kept)).toBeInstanceOf(SessionRecords);
    kept.sessions = [];
    expect(sessionsOf(kept).length).toBe(0);
    expect(sessionsOf(world.autozod)).toBeInstanceOf(SessionRecords);
    const copy = { ...world.autozod };
    expect(sessionsOf(copy)).not.toBeInstanceOf(SessionRecords);
    expect(sessionsOf(copy).session(0)).toBe(copy.sessions[0]);
    expect(JSON.parse(JSON.stringify(world.autozod))).toEqual(copy);
  });

  it('stay records behind a world served with other datasets overridden', () => {
    const served = worldWith(generateWorld(options), { sessions: [] });
    expect(served.autozod.sessions).toEqual([]);
    expect(statusLogsOf(served.voipcube)).toBeInstanceOf(StatusLogRecords);
    expect(enneoSources(served.enneo).exportRows).toBeInstanceOf(EnneoRecords);
  });
});
