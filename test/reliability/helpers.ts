/**
 * Shared set-up of the reliability tests: a real server (the CLI's own `listen`, so its limits and
 * timeouts are the ones under test) over a small world, a keep-alive client that reports what came
 * back without ever throwing for a status, and a raw-socket exchange for bytes no client would send.
 */
import { Agent, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { defaultEnneoToken } from '../../mocks/enneo/token.ts';
import { type AppOptions, createApp } from '../../src/app.ts';
import { listen } from '../../src/cli/server.ts';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import type { World } from '../../src/world/types.ts';
import { sharedWorld } from '../support/worlds.ts';

export const DEV = DEFAULT_CREDENTIALS;
/** The anchor of the small world, and a clock just after it (tokens without `exp` never expire). */
export const ANCHOR = '2025-09-30';
export const NOW = Date.parse('2025-10-01T08:00:00Z');

/** A small world, generated once per test file: every endpoint has data, every answer is small. */
export function smallWorld(): World {
  return sharedWorld({ seed: 42, anchor: ANCHOR, size: { agents: 3, days: 30, tickets: 40 } });
}

export const enneoToken = () => defaultEnneoToken(DEV.enneo.jwtSecret);

/** One running server and what a test needs to talk to it. */
export interface Running {
  server: Server;
  port: number;
  origin: string;
  /** Errors the app reported as internal (its `onInternalError`): there must be none. */
  internalErrors: unknown[];
  close(): Promise<void>;
}

/** Starts createApp over the small world on 127.0.0.1, port 0, through the CLI's `listen`. */
export async function startServer(options: AppOptions = {}): Promise<Running> {
  const internalErrors: unknown[] = [];
  const app = createApp({
    world: smallWorld(),
    clock: () => NOW,
    onInternalError: (err) => internalErrors.push(err),
    ...options,
  });
  const server = await listen(app, '127.0.0.1', 0);
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    origin: `http://127.0.0.1:${port}`,
    internalErrors,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request as the generators build it. */
export interface Req {
  method: string;
  /** Path and query, sent as given (the client only refuses characters outside \x21-\xff). */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /**
   * A Content-Length to declare without sending the body: the server must refuse from the header
   * alone. Sent on a connection of its own, since the declared bytes never follow.
   */
  declaredLength?: number;
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Set when the server dropped the connection instead of answering. */
  dropped?: string;
}

/** A keep-alive client over one socket (or a few): the batch rides the same connections. */
export function createClient(
  port: number,
  sockets = 1,
): { send(req: Req, timeoutMs?: number): Promise<Res>; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (req: Req, timeoutMs = 10_000): Promise<Res> =>
    new Promise((resolve, reject) => {
      // Node frames no body of a GET by itself: without a length the bytes would read as the next request.
      const length = req.declaredLength ?? (req.body === undefined ? undefined : Buffer.byteLength(req.body));
      const headers =
        length === undefined ? req.headers : { 'content-length': String(length), ...req.headers };
      const r = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.path,
          headers,
          agent: req.declaredLength === undefined ? agent : false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (req.declaredLength !== undefined) r.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          });
          res.on('error', (err) =>
            resolve({ status: 0, headers: {}, body: Buffer.alloc(0), dropped: err.message }),
          );
        },
      );
      r.setTimeout(timeoutMs, () => {
        r.destroy();
        reject(new Error(`no answer within ${timeoutMs} ms to ${req.method} ${req.path.slice(0, 200)}`));
      });
      r.on('error', (err: NodeJS.ErrnoException) =>
        resolve({ status: 0, headers: {}, body: Buffer.alloc(0), dropped: err.code ?? err.message }),
      );
      if (req.declaredLength !== undefined) r.flushHeaders();
      else if (req.body !== undefined) r.end(req.body);
      else r.end();
    });
  return { send, close: () => agent.destroy() };
}

/** How many complete answers (framed by Content-Length) a raw byte string holds. */
function completeAnswers(raw: string): number {
  let count = 0;
  let at = 0;
  for (;;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return count;
    const length = /\r\ncontent-length: *(\d+)/i.exec(raw.slice(at, headEnd));
    if (!length) return count;
    const end = headEnd + 4 + Number(length[1]);
    if (raw.length < end) return count;
    count += 1;
    at = end;
  }
}

/**
 * Writes raw bytes on a fresh socket and collects what the server sends until it closes the
 * connection, `answers` complete answers arrived, or `idleMs` pass without data.
 */
export function rawExchange(
  port: number,
  bytes: Buffer | string,
  answers = 1,
  idleMs = 1000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const text = () => Buffer.concat(chunks).toString('latin1');
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(text());
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    };
    socket.on('connect', () => {
      socket.write(bytes);
      arm();
    });
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (completeAnswers(text()) >= answers) finish();
      else arm();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    // A reset after the server answered is how Node ends a connection it refuses to read further.
    socket.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ECONNRESET' || err.code === 'EPIPE' ? finish() : reject(err),
    );
  });
}

/** The status line's code of a raw answer, or 0 when nothing came back. */
export function rawStatus(raw: string): number {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(raw);
  return match ? Number(match[1]) : 0;
}

/** The body of a raw (non-chunked) answer. */
export function rawBody(raw: string): string {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0 ? '' : raw.slice(at + 4);
}

/** The message an error body carries, in any of the shapes standin answers. */
export function errorMessage(body: Buffer | string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString());
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const o = parsed as Record<string, unknown>;
  const message =
    typeof o.message === 'string' ? o.message : typeof o.error === 'string' ? o.error : undefined;
  return message?.trim() ? message : undefined;
}

/** Own property names of the built-in prototypes, to prove no request added any. */
export function prototypeKeys(): Record<string, string[]> {
  const of = (o: object) => Reflect.ownKeys(o).map(String).sort();
  return {
    Object: of(Object.prototype),
    Array: of(Array.prototype),
    Function: of(Function.prototype),
    String: of(String.prototype),
  };
}

/**
 * The seed of a property run: `RELIABILITY_SEED` when set (to replay a failure), else a fixed one
 * per suite, so that `npm test` is reproducible. Printed, so a failure can be replayed.
 */
export function seedFor(name: string, fallback: number): number {
  const env = process.env.RELIABILITY_SEED;
  const seed = env !== undefined && /^-?\d+$/.test(env) ? Number(env) : fallback;
  process.stdout.write(
    `[reliability] ${name}: fast-check seed ${seed} (replay with RELIABILITY_SEED=${seed})\n`,
  );
  return seed;
}
