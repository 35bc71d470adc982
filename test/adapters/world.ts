/** The one world every door is tested over: small, plus enough VoIPcube logs to make an answer stream. */

import { splitTarget } from '../../src/core/query.ts';
import { createStandin } from '../../src/core/standin.ts';
import type { PlainRequest } from '../../src/core/types.ts';
import { generateWorld } from '../../src/world/index.ts';
import type { StatusLog, World } from '../../src/world/types.ts';

/** 6,000 logs of 30 users, one every 10 minutes of September 2025: about 600 KB of JSON. */
const BULK: StatusLog[] = Array.from({ length: 6000 }, (_, i) => ({
  status: i % 5 === 0 ? 'Out of office' : 'Available',
  userId: `${(i % 30).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
  time: new Date(Date.parse('2025-09-01T00:00:00Z') + i * 600_000).toISOString(),
}));

let world: World | undefined;

export function doorWorld(): World {
  if (world === undefined) {
    const small = generateWorld({
      seed: 42,
      anchor: '2025-09-30',
      size: { agents: 3, days: 30, tickets: 40 },
    });
    world = { ...small, voipcube: { statusLogs: [...small.voipcube.statusLogs, ...BULK].sort(byTime) } };
  }
  return world;
}

const byTime = (a: StatusLog, b: StatusLog) =>
  a.time < b.time ? -1 : a.time > b.time ? 1 : a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;

/** A fixed clock, so that JWT checks and the journal's times do not depend on the day of the run. */
export const CLOCK = () => Date.parse('2025-10-01T08:00:00Z');

/** What the core itself answers (status, headers and body bytes): the reference every door must match. */
export async function coreAnswer(
  method: string,
  target: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer } | 'reset'> {
  reference ??= createStandin({ world: doorWorld(), clock: CLOCK });
  const { path, query } = splitTarget(target);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const request: PlainRequest = { method, path, query, headers: lower, remoteAddress: '127.0.0.1' };
  const outcome = await reference.handle(request);
  if ('reset' in outcome) return 'reset';
  const chunks: Uint8Array[] = [];
  if (outcome.body instanceof Uint8Array) chunks.push(outcome.body);
  else if (outcome.body !== null) for await (const chunk of outcome.body) chunks.push(chunk);
  return { status: outcome.status, headers: outcome.headers, body: Buffer.concat(chunks) };
}
let reference: ReturnType<typeof createStandin> | undefined;
