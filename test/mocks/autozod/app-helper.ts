import type { Express } from 'express';
import { createApp } from '../../../src/app.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import type { AutozodSession, Person, World } from '../../../src/world/types.ts';

export const TOKEN = DEFAULT_CREDENTIALS.autozod.token;
export const AUTH = `Bearer ${TOKEN}`;
export const PATH = '/autozod/api/sessionLogs/list';

/** The app standin serves (createApp) over `world`, with a fixed clock. */
export function createTestApp(world: World): Express {
  return createApp({ world, clock: () => Date.parse('2025-09-30T12:00:00Z') });
}

/** A hand-made world holding only Autozod people and sessions. */
export function handMadeWorld(people: Person[], sessions: AutozodSession[]): World {
  return {
    meta: { seed: 0, anchor: '2025-09-30', size: { agents: people.length, days: 400, tickets: 0 } },
    people,
    enneo: { exportRows: [], ticketWorklogs: [] },
    voipcube: { statusLogs: [] },
    autozod: { sessions },
  };
}

export function agent(agentId: string, teamId: string): Person {
  return { enneo: null, voipcube: null, autozod: { agentId, teamId } };
}
