import http from 'node:http';

/** One answer, fully read. */
export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** A GET that counts the body instead of keeping it, so a huge answer costs the bench no memory. */
export interface Counted {
  status: number;
  bytes: number;
  ms: number;
  /** Time to the first body byte. */
  firstByteMs: number;
}

function request(
  url: string,
  headers: Record<string, string>,
  onData: (chunk: Buffer) => void,
  timeoutMs: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; ms: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = Number.NaN;
    const req = http.get(url, { headers, agent: false }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
        onData(chunk);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          ms: performance.now() - started,
          firstByteMs,
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url} took longer than ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** GETs a URL and keeps the whole body. */
export async function fetchBody(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<Fetched> {
  const chunks: Buffer[] = [];
  const answer = await request(url, headers, (chunk) => chunks.push(chunk), timeoutMs);
  return { status: answer.status, headers: answer.headers, body: Buffer.concat(chunks), ms: answer.ms };
}

/** GETs a URL and only counts the body's bytes. */
export async function countBody(
  url: string,
  headers: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<Counted> {
  let bytes = 0;
  const answer = await request(url, headers, (chunk) => (bytes += chunk.length), timeoutMs);
  return { status: answer.status, bytes, ms: answer.ms, firstByteMs: answer.firstByteMs };
}

/** Fails loudly when an answer is not the 200 a measurement relies on (measuring errors proves nothing). */
export function expectOk(what: string, fetched: { status: number; body?: Buffer }): void {
  if (fetched.status === 200) return;
  const excerpt = fetched.body ? `: ${fetched.body.subarray(0, 300).toString('utf8')}` : '';
  throw new Error(`${what} answered ${fetched.status}${excerpt}`);
}
