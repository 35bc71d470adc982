/** Shared set-up for the app tests: one small world, the development credentials, fake remote callers. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEnneoToken } from '../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { generateWorld } from '../../src/world/index.ts';
import type { World } from '../../src/world/types.ts';

let world: World | undefined;

/** A small world, generated once per test file: enough data for every endpoint, fast to build. */
export function smallWorld(): World {
  world ??= generateWorld({ seed: 42, anchor: '2025-09-30', size: { agents: 3, days: 30, tickets: 40 } });
  return world;
}

export const DEV = DEFAULT_CREDENTIALS;
export const enneoToken = () => defaultEnneoToken(DEV.enneo.jwtSecret);

/** A VoIPcube request that answers 200 with the development key. */
export const VOIPCUBE_OK = '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02';

/**
 * A server that presents every caller to the app as coming from `remoteAddress`, as a proxy-less
 * remote client would be (the socket's own address is what the admin guard reads).
 */
export function serverAs(app: RequestListener, remoteAddress: string): Server {
  return createServer((req, res) => {
    Object.defineProperty(req.socket, 'remoteAddress', { value: remoteAddress, configurable: true });
    app(req, res);
  });
}

/** Listens on a free loopback port; resolves with the base URL. */
export function listenOnLoopback(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}
