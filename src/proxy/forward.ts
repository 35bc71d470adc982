/**
 * Sending a request on to the target as it came (method, path under the target's base, query,
 * headers, body) and taking the answer's head; redirects are not followed. Only hop-by-hop headers
 * (RFC 9110 §7.6.1) are left out, in both directions, as every HTTP proxy must.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Raw header pairs (`[name, value, name, value…]`) without hop-by-hop ones and those `Connection` names. */
export function endToEnd(rawHeaders: readonly string[], drop: readonly string[] = []): string[] {
  const connection = new Set(drop.map((d) => d.toLowerCase()));
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) connection.add(token.trim().toLowerCase());
    }
  }
  const out: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || connection.has(name)) continue;
    out.push(rawHeaders[i]!, rawHeaders[i + 1]!);
  }
  return out;
}

/** The target URL for a request path (`/stats/user-statuses?x=1`) under the target's base URL. */
export function upstreamUrl(target: URL, requestUrl: string): URL {
  const base = target.pathname.replace(/\/+$/, '');
  return new URL(`${target.origin}${base}${requestUrl.startsWith('/') ? '' : '/'}${requestUrl}`);
}

export interface ForwardRequest {
  method: string;
  url: URL;
  rawHeaders: readonly string[];
  body: Buffer;
  timeoutMs: number;
}

/**
 * Sends the request; resolves with the answer's head (the body still to read) or rejects with
 * the transport error. `Host` is the target's, so virtual hosts answer as they would to the client.
 */
export function forward(req: ForwardRequest): Promise<IncomingMessage> {
  const headers = endToEnd(req.rawHeaders, ['host']);
  headers.push('Host', req.url.host);
  const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const upstream = send(req.url, { method: req.method, headers, timeout: req.timeoutMs });
    upstream.on('response', resolve);
    upstream.on('timeout', () =>
      upstream.destroy(new Error(`the target did not answer within ${req.timeoutMs} ms`)),
    );
    upstream.on('error', reject);
    upstream.end(req.body);
  });
}
