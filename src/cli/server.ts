/**
 * Listening and stopping: the only place standin opens a port. Start-up failures become one-line
 * CliErrors; a stop signal closes gracefully (in-flight responses finish), a second one forces.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PrototypeSource, serverClassesFor } from '../http/server-classes.ts';
import { CliError } from './cli-error.ts';
import { answerClientError, refuseConnect, requireHost } from './client-errors.ts';
import type { Logger } from './logger.ts';

/** Time limits of the server itself; a fault's delay (at most 60 s) is not a request's arrival. */
export interface ServerTimeouts {
  /** The request line and headers must arrive within this. */
  headersMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /**
   * How often Node checks the two limits above. Its default, 30 s, let a client that trickles its
   * headers hold a socket for 30 s whatever `headersMs` says.
   */
  checkEveryMs: number;
}

export const SERVER_TIMEOUTS: Readonly<ServerTimeouts> = Object.freeze({
  headersMs: 15_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
});

/** How long a graceful stop waits for in-flight responses before it gives up on them. */
export const DEFAULT_GRACE_MS = 30_000;

function listenError(err: NodeJS.ErrnoException, host: string, port: number): CliError {
  switch (err.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} is already in use on ${host} (try --port)`);
    case 'EACCES':
      return new CliError(`not allowed to listen on port ${port} on ${host} (try a --port above 1023)`);
    case 'EADDRNOTAVAIL':
      return new CliError(`${host} is not an address of this machine (check --host)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CliError(`cannot resolve --host ${host}`);
    default:
      return new CliError(`cannot listen on ${host}:${port}: ${err.message}`, 1);
  }
}

/**
 * Starts an HTTP server for `app` on `host:port` (port 0 picks a free one).
 * @param timeouts the server's own limits; tests shorten them to watch them work.
 * @throws CliError with a one-line message when the port is taken or the host is wrong.
 */
export function listen(
  app: RequestListener,
  host: string,
  port: number,
  timeouts: Readonly<ServerTimeouts> = SERVER_TIMEOUTS,
): Promise<Server> {
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: timeouts.checkEveryMs,
      // requireHost answers a Host-less HTTP/1.1 request itself, with a message; Node's would be empty.
      requireHostHeader: false,
      // Requests and responses born with the app's prototypes: Express then need not swap them.
      ...serverClassesFor(app as PrototypeSource),
    },
    requireHost(app),
  );
  // Requests Node refuses before the app sees them get a JSON message too, never a bare status.
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  // An Expect other than 100-continue would get a bare 417 from Node; like most servers, ignore it.
  server.on('checkExpectation', requireHost(app));
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => reject(listenError(err, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

/** The port the server actually listens on (differs from the flag when it was 0). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** What graceful shutdown listens to: the process in `main.ts`, an emitter in tests. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * Stops the server on SIGINT or SIGTERM: stops accepting, lets in-flight responses finish (idle
 * keep-alive connections are closed as they become idle), then resolves 0. A second signal, or
 * the grace period running out, drops the remaining connections and resolves 1.
 * @returns the exit code, once the server is closed.
 */
export function stopOnSignals(
  server: Server,
  signals: SignalSource,
  logger: Logger,
  graceMs: number = DEFAULT_GRACE_MS,
): Promise<number> {
  let inFlight = 0;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });

  return new Promise((resolve) => {
    let stopping = false;
    let done = false;
    let sweeper: NodeJS.Timeout | undefined;
    let deadline: NodeJS.Timeout | undefined;
    const finish = (code: number) => {
      if (done) return;
      done = true;
      clearInterval(sweeper);
      clearTimeout(deadline);
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      resolve(code);
    };
    const force = (why: string) => {
      logger.err(why);
      server.closeAllConnections();
      finish(1);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        force(`${signal} again: stopped without waiting for ${inFlight} in-flight request(s)`);
        return;
      }
      stopping = true;
      logger.err(
        inFlight > 0
          ? `${signal}: stopping after ${inFlight} in-flight request(s) finish (press Ctrl-C again to force)`
          : `${signal}: stopping`,
      );
      server.close(() => finish(0));
      server.closeIdleConnections();
      // Keep-alive connections become idle once their response is sent; close them as they do.
      sweeper = setInterval(() => server.closeIdleConnections(), 50);
      deadline = setTimeout(
        () => force(`gave up after ${graceMs} ms waiting for ${inFlight} in-flight request(s)`),
        graceMs,
      );
    };
    signals.on('SIGINT', onSignal);
    signals.on('SIGTERM', onSignal);
  });
}
