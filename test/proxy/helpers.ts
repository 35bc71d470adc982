/**
 * What the proxy tests share: an in-process standin on a loopback port, "broken upstreams" (a
 * wrapper around that standin that changes its answers the way a faulty vendor would), and the
 * development credentials every request carries.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultEnneoToken } from '../../mocks/enneo/token.ts';
import { type AppOptions, createApp } from '../../src/app.ts';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import { generateWorld } from '../../src/world/index.ts';
import type { World } from '../../src/world/types.ts';

let world: World | undefined;

/** A small world (generated once per file): enough rows for every rule, fast to build. */
export function smallWorld(): World {
  world ??= generateWorld({ seed: 42, anchor: '2025-09-30', size: { agents: 3, days: 30, tickets: 40 } });
  return world;
}

export const DEV = DEFAULT_CREDENTIALS;

/** The credential headers per vendor, as a client of the real vendor sends them. */
export async function credentialHeaders(): Promise<
  Record<'enneo' | 'voipcube' | 'autozod', Record<string, string>>
> {
  return {
    enneo: { authorization: `Bearer ${await defaultEnneoToken(DEV.enneo.jwtSecret)}` },
    voipcube: { key: DEV.voipcube.key },
    autozod: { authorization: `Bearer ${DEV.autozod.token}` },
  };
}

/** Every secret a test sends or standin holds: none may show in a HAR, a journal, a report or a log. */
export async function allSecrets(): Promise<string[]> {
  const headers = await credentialHeaders();
  return [
    headers.enneo.authorization!.slice('Bearer '.length),
    DEV.enneo.jwtSecret,
    DEV.enneo.sessionId,
    DEV.voipcube.key,
    DEV.autozod.token,
  ];
}

export interface Running {
  /** `http://127.0.0.1:port` */
  origin: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Running> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** standin itself on a free loopback port. */
export function startStandin(options: AppOptions = {}): Promise<Running> {
  return listen(createServer(createApp({ world: smallWorld(), ...options })));
}

/** An answer as the broken upstream sends it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Breaks an answer: gets the request's path (standin's, with query) and a way to ask standin
 * anything (with the request's own headers), and returns what the client receives.
 */
export type Breakage = (path: string, ask: (path: string) => Promise<Answer>) => Promise<Answer>;

/** A server in front of `standin` whose answers `breakage` changes. */
export function startBroken(standin: Running, breakage: Breakage): Promise<Running> {
  return listen(
    createServer((req, res) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'accept-encoding')
          headers[k] = v;
      }
      const ask = async (path: string): Promise<Answer> => {
        const r = await fetch(`${standin.origin}${path}`, { headers });
        const out: Record<string, string> = {};
        for (const name of ['content-type', 'content-disposition']) {
          const v = r.headers.get(name);
          if (v) out[name] = v;
        }
        return { status: r.status, headers: out, body: Buffer.from(await r.arrayBuffer()) };
      };
      breakage(req.url ?? '/', ask).then(
        (a) => {
          res.writeHead(a.status, a.headers);
          res.end(a.body);
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(err.message);
        },
      );
    }),
  );
}

/** A JSON body changed by `edit`. */
export function editJson(answer: Answer, edit: (value: unknown) => unknown): Answer {
  const body = Buffer.from(JSON.stringify(edit(JSON.parse(answer.body.toString('utf8')))));
  return { ...answer, body };
}

/** The autozod team and agent of the small world's first person. */
export function autozodIds(): { teamId: string; agentId: string } {
  const person = smallWorld().people.find((p) => p.autozod)!;
  return person.autozod!;
}
