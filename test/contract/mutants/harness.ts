/**
 * Mutants: a standin with exactly one part of a vendor's contract broken (a field's type, an
 * ignored limit, a leaked email …). `verify --strict`, limited to the checks that can see the
 * break, must fail against each one, naming the check that covers that part.
 *
 * The mutant sits in the suite's own `fetch` in front of standin's fetch handler (all in-process:
 * no server, no port); `mutantServer` puts the same mutant behind a port in front of a standin URL
 * for the CLI's tests, which can only be given a URL.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { runVerify } from '../../../src/contract/suite/index.ts';
import type { CheckName, FetchLike, Report, SuiteVendor, Target } from '../../../src/contract/suite/types.ts';

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
  /** The checks the run is limited to (default: `check` alone). */
  checks?: CheckName[];
  /** Rewrites the request before it reaches standin (mutate `url` in place), or answers it directly. */
  request?: (url: URL, headers: Record<string, string>) => Exchange | undefined;
  /** Rewrites standin's answer. */
  response?: (exchange: Exchange) => Exchange;
  /** Target changes for this mutant (e.g. expectPrivacy). */
  target?: Partial<Target>;
  /** Run without --strict (default strict): the break is in documented behaviour. */
  lenient?: boolean;
  /** Finding titles that must fail too, and ones that must still pass (the check is precise). */
  failing?: string[];
  passing?: string[];
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

/** Where the mutant sends what it does not answer itself: a standin URL, or a fetch handler. */
export type Upstream = string | FetchLike;

/** Sends `url` (with `headers`) to standin through the mutant and returns the exchange it makes. */
async function exchange(
  url: URL,
  headers: Record<string, string>,
  mutant: Mutant,
  upstream: FetchLike = (request) => fetch(request),
): Promise<Exchange> {
  const direct = mutant.request?.(url, headers);
  let result: Exchange;
  if (direct) result = direct;
  else {
    const r = await upstream(new Request(url, { headers, redirect: 'manual' }));
    const out: Record<string, string> = {};
    r.headers.forEach((v, k) => {
      out[k] = v;
    });
    delete out['content-length'];
    delete out['transfer-encoding'];
    delete out['content-encoding'];
    result = { url, status: r.status, headers: out, body: Buffer.from(await r.arrayBuffer()) };
  }
  return mutant.response ? mutant.response(result) : result;
}

/**
 * A fetch for the suite, through the mutant: to a fetch handler as it is, or to a standin URL
 * (requests to any origin go to that URL's).
 */
export function mutantFetch(upstream: Upstream, mutant: Mutant): FetchLike {
  const origin = typeof upstream === 'string' ? new URL(upstream) : undefined;
  return async (request) => {
    const url = new URL(request.url);
    if (origin) {
      url.protocol = origin.protocol;
      url.host = origin.host;
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const e = await exchange(url, headers, mutant, typeof upstream === 'string' ? undefined : upstream);
    return new Response(e.status === 204 ? null : new Uint8Array(e.body), {
      status: e.status,
      headers: e.headers,
    });
  };
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** A proxy on loopback to `upstream` that applies the mutant: for tests that need a URL (the CLI). */
export async function mutantServer(upstream: string, mutant: Mutant) {
  return listen(async (req, res) => {
    try {
      const headers = flatHeaders(req.headers);
      delete headers.host;
      const final = await exchange(new URL(req.url ?? '/', upstream), headers, mutant);
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

/** Where an in-process target lives: a name that is never resolved. */
export const IN_PROCESS = 'http://standin.local';

/**
 * Runs verify for `target.vendor` in-process through `mutant` in front of `upstream`, limited to
 * `checks` (every check when empty).
 */
export function verifyThrough(
  upstream: Upstream,
  mutant: Mutant,
  target: Target,
  checks: CheckName[],
  strict = true,
): Promise<Report> {
  return runVerify({
    target,
    strict,
    maxRequests: 5000,
    ratePerSecond: 0,
    timeoutMs: 10_000,
    seed: 7,
    checks,
    fetch: mutantFetch(upstream, mutant),
  });
}

/** Starts `app` on loopback. */
export function serveApp(app: Express) {
  return listen(app);
}

/** The failing checks of a report, for assertion messages. */
export function failedChecks(report: Report): CheckName[] {
  return [...new Set(report.findings.filter((f) => f.outcome === 'fail').map((f) => f.check))];
}

/** Every failure and warning, one per line, so a broken mock or check is visible in the assertion. */
export const problems = (report: Report) =>
  report.findings
    .filter((f) => f.outcome === 'fail' || f.outcome === 'warn')
    .map(
      (f) =>
        `${f.outcome} [${f.check}] ${f.endpoint} — ${f.title}: ${f.message ?? ''} ${f.request ?? ''}${(f.details ?? []).map((d) => `\n  ${d}`).join('')}`,
    )
    .join('\n');
