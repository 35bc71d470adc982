import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExchangeReport } from '../../src/contract/exchange/report.ts';
import { startProxy } from '../../src/proxy/index.ts';
import { autozodIds, credentialHeaders, type Running, startStandin } from './helpers.ts';

let standin: Running;
let headers: Awaited<ReturnType<typeof credentialHeaders>>;

beforeAll(async () => {
  standin = await startStandin();
  headers = await credentialHeaders();
});
afterAll(() => standin.close());

const BASES = { enneo: '/enneo/api/mind', voipcube: '/voipcube', autozod: '/autozod' } as const;

describe('standin proxy in front of standin', () => {
  const { teamId, agentId } = autozodIds();
  const cases: [keyof typeof BASES, string][] = [
    ['enneo', '/export/reporting_worklog?format=json&limit=7'],
    ['enneo', '/export/reporting_worklog?format=csv&limit=5&orderByField=duration&orderByDirection=asc'],
    ['enneo', '/export/reporting_worklog?format=xlsx&limit=4'],
    ['enneo', '/export/reporting_worklog?limit=5000'],
    ['voipcube', '/stats/user-statuses?from=2025-09-01&to=2025-09-05&page=2&size=4'],
    ['voipcube', '/stats/user-statuses?from=2025-09-01&to=2025-09-02'],
    [
      'autozod',
      `/api/sessionLogs/list?team_id=${teamId}&agent_id=${agentId}&type=on_duty&start_date=01-09-2025&end_date=07-09-2025`,
    ],
  ];

  it.each(cases)(
    '%s %s: the answer is standin’s, byte for byte, with Standin-Violations: 0 (strict)',
    async (vendor, path) => {
      const proxy = await startProxy({
        vendor,
        target: `${standin.origin}${BASES[vendor]}`,
        port: 0,
        strict: true,
      });
      const direct = await fetch(`${standin.origin}${BASES[vendor]}${path}`, { headers: headers[vendor] });
      const proxied = await fetch(`${proxy.url}${path}`, { headers: headers[vendor] });
      expect(proxied.status).toBe(direct.status);
      expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
      expect(proxied.headers.get('standin-violations')).toBe('0');
      expect(Buffer.from(await proxied.arrayBuffer())).toEqual(Buffer.from(await direct.arrayBuffer()));
      const [entry] = proxy.requests();
      expect(entry).toMatchObject({
        id: 1,
        vendor,
        method: 'GET',
        status: direct.status,
        violations: [],
        warnings: [],
      });
      const report = await proxy.close();
      expect(report.exitCode).toBe(0);
      expect(report.totals.fail).toBe(0);
      expect(report.totals.pass).toBeGreaterThan(0);
    },
  );

  it('passes redirects on without following them, and judges the answer it got', async () => {
    const proxy = await startProxy({ vendor: 'voipcube', target: `${standin.origin}/voipcube`, port: 0 });
    const r = await fetch(`${proxy.url}/stats/user-statuses?from=2025-09-01`, {
      headers: headers.voipcube,
      redirect: 'manual',
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('standin-violations')).toBe('0');
    await proxy.close();
  });

  it('lists requests at /__standin/requests with credentials redacted', async () => {
    const proxy = await startProxy({ vendor: 'voipcube', target: `${standin.origin}/voipcube`, port: 0 });
    await fetch(`${proxy.url}/stats/user-statuses?from=2025-09-01&to=2025-09-02&page=1&size=2`, {
      headers: headers.voipcube,
    });
    const listing = (await (await fetch(`${proxy.url}/__standin/requests`)).json()) as {
      requests: Record<string, unknown>[];
    };
    expect(listing.requests).toHaveLength(1);
    expect(listing.requests[0]).toMatchObject({
      id: 1,
      method: 'GET',
      path: '/stats/user-statuses',
      query: { from: '2025-09-01', to: '2025-09-02', page: '1', size: '2' },
      status: 200,
      operationId: 'getUserStatuses',
      violations: [],
    });
    expect((listing.requests[0]!.headers as Record<string, string>).key).not.toContain(headers.voipcube.key);
    expect(JSON.stringify(listing)).not.toContain(headers.voipcube.key);
    await proxy.close();
  });

  it('a path that is no operation is forwarded, not judged, and noted', async () => {
    const proxy = await startProxy({ vendor: 'voipcube', target: `${standin.origin}/voipcube`, port: 0 });
    const r = await fetch(`${proxy.url}/stats/nothing-here`, { headers: headers.voipcube });
    expect(r.status).toBe(404);
    expect(r.headers.get('standin-violations')).toBe('0');
    const [entry] = proxy.requests();
    expect(entry!.notes[0]).toMatch(/GET \/stats\/nothing-here is no operation of the voipcube contract/);
    const report = await proxy.close();
    expect(report.findings).toEqual([expect.objectContaining({ outcome: 'skip' })]);
    expect(report.exitCode).toBe(0);
  });

  it('an answer over the bound is passed on whole and unjudged, saying so', async () => {
    const proxy = await startProxy({
      vendor: 'voipcube',
      target: `${standin.origin}/voipcube`,
      port: 0,
      maxBodyBytes: 100,
    });
    const path = '/stats/user-statuses?from=2025-09-01&to=2025-09-03';
    const direct = await fetch(`${standin.origin}/voipcube${path}`, { headers: headers.voipcube });
    const r = await fetch(`${proxy.url}${path}`, { headers: headers.voipcube });
    expect(r.headers.get('standin-violations')).toBeNull();
    expect(r.headers.get('standin-unjudged')).toBe(
      'the answer is larger than 100 bytes, so it was passed on unjudged',
    );
    expect(Buffer.from(await r.arrayBuffer())).toEqual(Buffer.from(await direct.arrayBuffer()));
    await proxy.close();
  });

  it('a target that answers nothing gets 502 from the proxy and a report that could not judge (exit 2)', async () => {
    const gone = await startStandin();
    await gone.close();
    const proxy = await startProxy({ vendor: 'voipcube', target: `${gone.origin}/voipcube`, port: 0 });
    const r = await fetch(`${proxy.url}/stats/user-statuses?from=2025-09-01&to=2025-09-02`, {
      headers: headers.voipcube,
    });
    expect(r.status).toBe(502);
    expect(r.headers.get('standin-unjudged')).toMatch(/^the target did not answer/);
    const report = await proxy.close();
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toMatch(/did not answer any of 1 request/);
    expect(formatExchangeReport(report, 'console', 'standin proxy')).toMatch(/^standin proxy — voipcube/);
  });
});
