/**
 * `standin/fetch`: every vendor and the controls as one fetch handler,
 * `(request: Request) => Promise<Response>`, at the server's paths (`/enneo/api/mind/…`,
 * `/voipcube/…`, `/autozod/…`, `/__standin/…`). For Hono, Bun, Deno, Workers, Next route
 * handlers — or a test that calls it directly, with no port at all.
 */
import { type CallerInfo, fetchDoor } from './adapters/fetch.ts';
import type { Controls } from './core/controls.ts';
import { createStandin, type StandinOptions } from './core/standin.ts';

export type { CallerInfo } from './adapters/fetch.ts';
export type { Controls } from './core/controls.ts';
export type { StandinOptions as FetchHandlerOptions } from './core/standin.ts';

/** A fetch handler, with the instance's controls as methods too. */
export interface FetchHandler {
  (request: Request, info?: CallerInfo): Promise<Response>;
  readonly controls: Controls;
}

/**
 * Builds the handler; options are `createApp`'s. The docs pages are served by `createApp` only.
 * @example
 * const handle = createFetchHandler({ world });
 * const res = await handle(new Request('http://standin/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02', {
 *   headers: { Key: 'standin-voipcube-dev-key' },
 * }));
 */
export function createFetchHandler(options: StandinOptions = {}): FetchHandler {
  const standin = createStandin(options);
  return Object.assign(fetchDoor(standin), { controls: standin.controls });
}
