import express, { type Express } from 'express';
import { autozodVendor } from '../../../mocks/autozod/index.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import { createSettingsStore } from '../../../src/config/settings.ts';
import { vendorErrorHandler } from '../../../src/http/vendor-errors.ts';
import type { AutozodSession, Person, World } from '../../../src/world/types.ts';

export const TOKEN = DEFAULT_CREDENTIALS.autozod.token;
export const AUTH = `Bearer ${TOKEN}`;
export const PATH = '/autozod/api/sessionLogs/list';

/** A tiny app as the server mounts vendors: the router at its base path, then the vendor's error exit. */
export function createTestApp(world: World): Express {
  const app = express();
  app.use(
    autozodVendor.basePath,
    autozodVendor.createRouter({
      world,
      settings: createSettingsStore(),
      credentials: DEFAULT_CREDENTIALS,
      clock: () => Date.parse('2025-09-30T12:00:00Z'),
    }),
  );
  app.use(vendorErrorHandler(autozodVendor.renderError));
  return app;
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
