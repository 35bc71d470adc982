/**
 * Mutants: a proxy in front of an in-process standin that breaks exactly one part of a vendor's
 * contract (a field's type, an ignored limit, a leaked email …). `verify --strict` must fail
 * against each one, naming the check that covers that part.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { runVerify } from '../../../src/contract/suite/index.ts';
import type { CheckName, Report, SuiteVendor, Target } from '../../../src/contract/suite/types.ts';

export interface Exchange {
  url: URL;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface Mutant {
  name: string;
  vendor: SuiteVendor;
  /** The check that must fail. */
  check: CheckName;
  /** Rewrites the request before it reaches standin (mutate `url` in place), or answers it directly. */
  request?: (url: URL, headers: Record<string, string>) => Exchange | undefined;
  /** Rewrites standin's answer. */
  response?: (exchange: Exchange) => Exchange;
  /** Target changes for this mutant (e.g. expectPrivacy). */
  target?: Partial<Target>;
}

/** JSON body helpers for mutants. */
export const json = {
  read: (e: Exchange): unknown => JSON.parse(e.body.toString('utf8')),
  write: (e: Exchange, value: unknown): Exchange => ({ ...e, body: Buffer.from(JSON.stringify(value)) }),
  isJson: (e: Exchange) => (e.headers['content-type'] ?? '').includes('json'),
};

export async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A proxy to `upstream` that applies the mutant. */
export async function mutantServer(upstream: string, mutant: Mutant) {
  return listen(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', upstream);
      const headers = flatHeaders(req.headers);
      delete headers.host;
      const direct = mutant.request?.(url, headers);
      let exchange: Exchange;
      if (direct) exchange = direct;
      else {
        const r = await fetch(url, { headers, redirect: 'manual' });
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => {
          out[k] = v;
        });
        delete out['content-length'];
        delete out['transfer-encoding'];
        delete out['content-encoding'];
        exchange = { url, status: r.status, headers: out, body: Buffer.from(await r.arrayBuffer()) };
      }
      const final = mutant.response ? mutant.response(exchange) : exchange;
      res.writeHead(final.status, { ...final.headers, 'content-length': String(final.body.length) });
      res.end(final.body);
    } catch (err) {
      res.writeHead(599, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });
}

export const BASE_PATHS: Record<SuiteVendor, string> = {
  enneo: '/enneo/api/mind',
  voipcube: '/voipcube',
  autozod: '/autozod',
};

/** Runs `verify --strict` for `target.vendor` against `baseUrl` (a standin or a mutant in front of one). */
export function verifyStrict(target: Target): Promise<Report> {
  return runVerify({ target, strict: true, maxRequests: 5000, ratePerSecond: 0, timeoutMs: 10_000, seed: 7 });
}

/** Starts `app` on loopback. */
export function serveApp(app: Express) {
  return listen(app);
}

/** The failing checks of a report, for assertion messages. */
export function failedChecks(report: Report): CheckName[] {
  return [...new Set(report.findings.filter((f) => f.outcome === 'fail').map((f) => f.check))];
}
