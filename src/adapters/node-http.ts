/**
 * Node's http objects ↔ the core's plain request and response: what the Express door (and any
 * Node server) needs. Bodies are read only for the controls; vendor endpoints never read one.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTROL_BODY_LIMIT_BYTES } from '../core/controls-http.ts';
import { splitTarget } from '../core/query.ts';
import { CONTROLS_PATH } from '../core/standin.ts';
import { isReset, type Outcome, type PlainRequest, type Query } from '../core/types.ts';
import { readUpTo } from '../http/read-body.ts';

/** A PlainRequest over a Node request; its abort signal is made only if something asks for it. */
class NodeRequest implements PlainRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Query;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly remoteAddress: string | undefined;
  body: Uint8Array | undefined;
  readonly #res: ServerResponse;
  #signal: AbortSignal | undefined;

  constructor(req: IncomingMessage, res: ServerResponse) {
    const { path, query } = splitTarget(req.url ?? '/');
    this.method = req.method ?? 'GET';
    this.path = path;
    this.query = query;
    // Node joins repeated request headers with ", " (only set-cookie stays an array, and no
    // request carries one that anything here reads).
    this.headers = req.headers as Record<string, string | undefined>;
    this.remoteAddress = req.socket.remoteAddress;
    this.#res = res;
  }

  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const controller = new AbortController();
      const res = this.#res;
      if (res.writableFinished || res.destroyed) controller.abort();
      else res.once('close', () => (res.writableFinished ? undefined : controller.abort()));
      this.#signal = controller.signal;
    }
    return this.#signal;
  }
}

const CONTROLS_PREFIX = CONTROLS_PATH.slice(0, -1);

/** Whether the request may carry a body the core reads: a control request that declares one. */
function wantsBody(req: IncomingMessage, path: string): boolean {
  if (path.slice(0, CONTROLS_PREFIX.length).toLowerCase() !== CONTROLS_PREFIX) return false;
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0 && Number(length) <= CONTROL_BODY_LIMIT_BYTES;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * The request's body broke off (the client went away, or sent bytes Node's parser refused): there
 * is no one to answer, and Node's own clientError handling has said what was wrong.
 */
export class RequestAborted extends Error {
  override readonly name = 'RequestAborted';
}

/** Reads the body, or past `limit` bytes enough of it for the core to see that it is too large. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return readUpTo(req, limit).then(
    (read) => ('whole' in read ? read.whole : Buffer.concat(read.partial)),
    (err: Error) => {
      throw new RequestAborted(err.message);
    },
  );
}

/**
 * The plain request of a Node request, its body read when the core will want it. Synchronous when
 * there is no body to read (every vendor request): a promise would cost a microtask per request.
 */
export function plainRequest(
  req: IncomingMessage,
  res: ServerResponse,
): PlainRequest | Promise<PlainRequest> {
  const plain = new NodeRequest(req, res);
  if (!wantsBody(req, plain.path)) return plain;
  return readBody(req, CONTROL_BODY_LIMIT_BYTES).then((body) => {
    plain.body = body;
    return plain;
  });
}

/** Resolves once the response can take more, or has closed. */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * Writes a streamed body with backpressure: waits for 'drain' when the socket's buffer is full, and
 * stops (without ending) when the client goes away, which also stops the producer.
 */
async function writeStream(res: ServerResponse, body: AsyncIterable<Uint8Array>): Promise<void> {
  let closed = res.destroyed;
  const onClose = () => {
    closed = true;
  };
  res.once('close', onClose);
  try {
    for await (const chunk of body) {
      if (closed) return;
      if (!res.write(chunk)) await drainOrClose(res);
      if (closed) return;
    }
    res.end();
  } finally {
    res.off('close', onClose);
  }
}

/** Writes an outcome of the core to a Node response (or drops the connection for a reset). */
export function writeOutcome(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
  if (isReset(outcome)) {
    // An RST rather than a FIN: clients see ECONNRESET, as from a crashed upstream.
    req.socket.resetAndDestroy();
    outcome.done?.(false);
    return;
  }
  const { done, release } = outcome;
  if (done !== undefined || release !== undefined) {
    // `on`, not `once`: a response closes once, and once's wrapper is an allocation per answer.
    res.on('close', () => {
      const delivered = res.writableFinished;
      // A buffer is reused only once node:http has handed every byte of it to the kernel.
      if (delivered) release?.();
      done?.(delivered);
    });
  }
  // writeHead with the headers: node:http takes them as they are when none were set before (no
  // per-header copies), and applies them with setHeader when middleware in front set some. A hook
  // on writeHead (compression's on-headers) still sees and may change them.
  res.writeHead(outcome.status, outcome.headers);
  const { body } = outcome;
  if (body === null || req.method === 'HEAD') {
    res.end();
    if (body !== null && !(body instanceof Uint8Array)) void body[Symbol.asyncIterator]().return?.();
  } else if (body instanceof Uint8Array) {
    res.end(body);
  } else {
    writeStream(res, body).catch(() => res.destroy());
  }
}
