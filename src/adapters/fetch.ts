/**
 * Fetch `Request`/`Response` ↔ the core's plain request and response: the door of the fetch
 * handler (Hono, Bun, Deno, Workers, Next route handlers) and of the MSW handlers.
 */
import { CONTROL_BODY_LIMIT_BYTES } from '../core/controls-http.ts';
import { parseQuery } from '../core/query.ts';
import { CONTROLS_PATH, type Standin } from '../core/standin.ts';
import { isReset, type Outcome, type PlainRequest } from '../core/types.ts';

/** What the host server knows about the caller that a fetch `Request` does not carry. */
export interface CallerInfo {
  /**
   * The caller's IP address, for the controls' loopback rule. Absent: the caller counts as
   * in-process (loopback), as it is for MSW and for a handler the test itself calls; a handler
   * reachable from other machines should pass it (e.g. Bun's `server.requestIP(request)`) or set
   * an admin token.
   */
  remoteAddress?: string;
}

const CONTROLS_PREFIX = CONTROLS_PATH.slice(0, -1);

/** Reads at most `limit + 1` bytes of a body: enough for the core to see that it is too large. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/**
 * The plain request of a fetch Request; `path` overrides the URL's path (MSW maps a real vendor URL
 * onto standin's). The body is read only for a control request that declares one.
 */
export async function plainFromFetch(
  request: Request,
  info: CallerInfo = {},
  path?: string,
): Promise<PlainRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const plain: PlainRequest = {
    method: request.method.toUpperCase(),
    path: path ?? url.pathname,
    query: parseQuery(url.search.slice(1)),
    headers,
    remoteAddress: info.remoteAddress ?? '127.0.0.1',
    signal: request.signal,
  };
  const declared = headers['content-length'];
  const isControl = plain.path.slice(0, CONTROLS_PREFIX.length).toLowerCase() === CONTROLS_PREFIX;
  if (
    isControl &&
    request.body !== null &&
    !(declared !== undefined && Number(declared) > CONTROL_BODY_LIMIT_BYTES)
  ) {
    plain.body = await readBounded(request, CONTROL_BODY_LIMIT_BYTES);
  }
  return plain;
}

/** A streamed body as a ReadableStream that produces a chunk only when the reader asks for one. */
function readable(
  body: AsyncIterable<Uint8Array>,
  settle: (delivered: boolean) => void,
): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            settle(true);
          } else {
            controller.enqueue(next.value);
          }
        } catch (err) {
          controller.error(err);
          settle(false);
        }
      },
      async cancel() {
        await iterator.return?.();
        settle(false);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The fetch Response of a core outcome; a dropped connection is a network error (`Response.error()`). */
export function responseFromOutcome(outcome: Outcome, method: string): Response {
  if (isReset(outcome)) {
    outcome.done?.(false);
    return Response.error();
  }
  let settled = false;
  const settle = (delivered: boolean) => {
    if (settled) return;
    settled = true;
    outcome.done?.(delivered);
  };
  const { body } = outcome;
  const init = { status: outcome.status, headers: outcome.headers };
  if (body === null || method === 'HEAD') {
    if (body !== null && !(body instanceof Uint8Array)) void body[Symbol.asyncIterator]().return?.();
    settle(true);
    return new Response(null, init);
  }
  if (body instanceof Uint8Array) {
    // A pooled buffer is not handed back (release): the Response may keep reading it later.
    settle(true);
    return new Response(body, init);
  }
  return new Response(readable(body, settle), init);
}

/** A fetch handler over a standin instance. */
export function fetchDoor(standin: Standin): (request: Request, info?: CallerInfo) => Promise<Response> {
  return async (request, info) => {
    const plain = await plainFromFetch(request, info);
    return responseFromOutcome(await standin.handle(plain), plain.method);
  };
}
