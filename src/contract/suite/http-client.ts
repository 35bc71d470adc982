/**
 * The contract suite's only way to reach a target: GET requests with a hard budget (count and
 * rate), a timeout that covers the whole answer (a slow drip or an endless stream ends), a cap on
 * body size, and no redirects followed — so credentials never travel to another host.
 */
import type { FetchLike } from './types.ts';

export interface ClientOptions {
  baseUrl: string;
  /** Most requests this run may send; the next one throws BudgetExceededError. */
  maxRequests: number;
  /** Most requests per second (0 = unbounded). */
  ratePerSecond: number;
  /** Milliseconds for one whole exchange, headers and body. */
  timeoutMs: number;
  /** Largest body read; a larger one fails the exchange. */
  maxBodyBytes: number;
  /** Answers requests instead of the global fetch (an in-process target). */
  fetch?: FetchLike;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  /** Media type without parameters, lower case (`application/json`), or '' when absent. */
  mediaType: string;
  body: Buffer;
  durationMs: number;
}

export interface RequestSpec {
  /** Path below the base URL, starting with '/'. */
  path: string;
  /** Query as ordered pairs so repeated keys (`userIds[]`) keep their order. */
  query?: [string, string][];
  headers?: Record<string, string>;
}

export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
}

/** The target could not be reached or answered unreadably: a transport failure, not a contract one. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

export interface HttpClient {
  get(spec: RequestSpec): Promise<HttpResponse>;
  /** Requests sent so far. */
  readonly sent: number;
  readonly remaining: number;
  /** Builds the URL a spec would request (for reports). */
  urlFor(spec: RequestSpec): string;
}

export function createHttpClient(options: ClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const send: FetchLike = options.fetch ?? fetch;
  let sent = 0;
  let nextSlot = 0;

  const urlFor = (spec: RequestSpec) => {
    const url = new URL(base.origin);
    url.pathname = basePath + spec.path;
    const search = new URLSearchParams(spec.query ?? []);
    url.search = search.toString();
    return url.toString();
  };

  async function pace(): Promise<void> {
    if (options.ratePerSecond <= 0) return;
    const interval = 1000 / options.ratePerSecond;
    const now = performance.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await new Promise((r) => setTimeout(r, slot - now));
  }

  async function get(spec: RequestSpec): Promise<HttpResponse> {
    if (sent >= options.maxRequests) {
      throw new BudgetExceededError(`the request budget of ${options.maxRequests} is spent`);
    }
    sent++;
    await pace();
    const url = urlFor(spec);
    const started = performance.now();
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response: Response;
    try {
      // A Request, not (url, init): an in-process handler of Fetch requests takes exactly one.
      const request = new Request(url, { method: 'GET', headers: spec.headers, redirect: 'manual', signal });
      response = await abortable(send(request), signal);
    } catch (err) {
      throw new TransportError(describeFetchError(err, options.timeoutMs), url);
    }
    const body = await readCapped(response, options.maxBodyBytes, url, options.timeoutMs);
    const contentType = response.headers.get('content-type') ?? '';
    return {
      url,
      status: response.status,
      headers: response.headers,
      mediaType: contentType.split(';')[0]!.trim().toLowerCase(),
      body,
      durationMs: Math.round(performance.now() - started),
    };
  }

  return {
    get,
    urlFor,
    get sent() {
      return sent;
    },
    get remaining() {
      return Math.max(0, options.maxRequests - sent);
    },
  };
}

/** Settles with `pending`, or rejects when `signal` aborts first (a handler may ignore the signal). */
function abortable<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function readCapped(response: Response, max: number, url: string, timeoutMs: number): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new TransportError(`the response body is larger than ${max} bytes`, url);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof TransportError) throw err;
    throw new TransportError(describeFetchError(err, timeoutMs), url);
  }
  return Buffer.concat(chunks);
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return `no complete answer within ${timeoutMs} ms`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset by the server';
  return e?.cause?.message ?? e?.message ?? 'request failed';
}
