import express, { type Express } from 'express';
import { createApp } from '../../../src/app.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import type { StatusLog, World } from '../../../src/world/types.ts';

export const KEY = DEFAULT_CREDENTIALS.voipcube.key;
export const PATH = '/voipcube/stats/user-statuses';

/** Three agents' VoIPcube ids, in userId order (A < B < C). */
export const USER_A = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
export const USER_B = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
export const USER_C = 'f3a8c1de-1111-4222-8333-944445555666';

/** A world holding only these status logs. */
export function worldWith(statusLogs: StatusLog[]): World {
  return {
    meta: { seed: 1, anchor: '2024-03-01', size: { agents: 3, days: 1, tickets: 0 } },
    people: [],
    enneo: { exportRows: [], ticketWorklogs: [] },
    voipcube: { statusLogs },
    autozod: { sessions: [] },
  };
}

/** The app standin serves (createApp), over `world`; `before` runs first (a spy on the response). */
export function voipcubeApp(world: World, before?: express.RequestHandler): Express {
  const app = createApp({ world, clock: () => Date.parse('2024-03-01T12:00:00Z') });
  if (!before) return app;
  const outer = express();
  outer.use(before, app);
  return outer;
}
