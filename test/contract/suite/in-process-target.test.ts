/**
 * runVerify against an in-process target: a Fetch handler given as `fetch` answers every request,
 * the base URL only names the paths (its host is never resolved), and the suite's bounds still
 * hold for a handler that never answers.
 */
import { describe, expect, it } from 'vitest';
import { runVerify } from '../../../src/contract/suite/index.ts';
import type { FetchLike, SuiteOptions } from '../../../src/contract/suite/types.ts';

const options = (fetch: FetchLike, more: Partial<SuiteOptions> = {}): SuiteOptions => ({
  target: {
    vendor: 'voipcube',
    baseUrl: 'http://standin.invalid/voipcube',
    credentials: { key: 'in-process-key-7d1' },
    ids: {},
  },
  strict: true,
  maxRequests: 50,
  ratePerSecond: 0,
  timeoutMs: 300,
  seed: 1,
  fetch,
  ...more,
});

describe('runVerify with a fetch handler', () => {
  it('sends every request to the handler, as a Request with the credentials, at the base URL’s paths', async () => {
    const seen: Request[] = [];
    const handler: FetchLike = async (request) => {
      seen.push(request);
      return new Response(
        JSON.stringify({ message: 'the API key in the Key header is not valid', code: 'UNAUTHENTICATED' }),
        {
          status: 401,
          headers: { 'content-type': 'application/json' },
        },
      );
    };
    const report = await runVerify(options(handler));
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toBe('the target refused the given key (401): check --key / VOIPCUBE_KEY');
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url).pathname).toBe('/voipcube/stats/user-statuses');
    expect(seen[0]!.headers.get('key')).toBe('in-process-key-7d1');
    expect(seen[0]!.redirect).toBe('manual');
  });

  it('a handler that never answers ends the run at its first request, within the timeout', async () => {
    const report = await runVerify(options(() => new Promise<Response>(() => {})));
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toMatch(
      /^no complete answer within 300 ms \(http:\/\/standin\.invalid\/voipcube\/stats\/user-statuses\?from=/,
    );
    expect(report.requests).toBe(1);
  });

  it('reports progress once per step, limited to the checks asked for', async () => {
    const logs = [
      {
        status: 'Available',
        userId: '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
        time: '2025-09-30T08:00:00.000Z',
      },
    ];
    const handler: FetchLike = async (request) => {
      const url = new URL(request.url);
      const body =
        request.headers.get('key') === 'in-process-key-7d1'
          ? url.searchParams.has('page')
            ? logs
            : logs
          : null;
      return body
        ? new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify({ message: 'the API key is missing', code: 'UNAUTHENTICATED' }), {
            status: 401,
            headers: { 'content-type': 'application/json' },
          });
    };
    const events: string[] = [];
    const report = await runVerify(
      options(handler, {
        checks: ['auth', 'ordering'],
        onProgress: (e) => events.push(`${e.index}/${e.total} ${e.check} ${e.counts.pass}`),
      }),
    );
    expect(events).toEqual(['1/2 auth 4', '2/2 ordering 1']);
    expect(report.checks).toEqual(['auth', 'ordering']);
    expect(report.exitCode).toBe(0);
  });
});
