/** runVerify(): `standin verify` as a function — the json reporter's report plus a summary, never an exit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/contract/suite/index.ts';
import { type RunningServer, runVerify, startServer } from '../../src/index.ts';

let standin: RunningServer;

beforeAll(async () => {
  standin = await startServer({ agents: 3, days: 20, tickets: 20 });
});
afterAll(() => standin.close());

describe('runVerify', () => {
  it('passes standin strictly, with the summary counting the findings', async () => {
    const report = await runVerify({
      vendor: 'voipcube',
      baseUrl: `${standin.url}/voipcube`,
      key: 'standin-voipcube-dev-key',
      strict: true,
      rate: 0,
    });
    expect(report.exitCode).toBe(0);
    expect(report.fatal).toBeUndefined();
    expect(report.strict).toBe(true);
    expect(report.summary).toEqual({
      passed: report.totals.pass,
      failed: 0,
      warned: report.totals.warn,
      skipped: report.totals.skip,
    });
    expect(report.summary.passed).toBeGreaterThan(10);
    expect(report.summary.passed).toBe(report.findings.filter((f) => f.outcome === 'pass').length);
  });

  it('is what --reporter json prints, plus the summary', async () => {
    const { summary, ...printed } = await runVerify({
      vendor: 'voipcube',
      baseUrl: `${standin.url}/voipcube`,
      key: 'standin-voipcube-dev-key',
      rate: 0,
      seed: 3,
    });
    expect(Object.keys(printed)).toEqual(Object.keys(JSON.parse(formatJson({ ...printed, findings: [] }))));
    expect(printed.results.length).toBeGreaterThan(0);
    expect(summary.failed).toBe(0);
    expect(printed.seed).toBe(3);
  });

  it('a wrong key is a verdict in the report (exit code 2 and why), not a rejection', async () => {
    const report = await runVerify({
      vendor: 'voipcube',
      baseUrl: `${standin.url}/voipcube`,
      key: 'wrong-key',
      rate: 0,
    });
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toMatch(/401/);
    expect(report.fatal).not.toContain('wrong-key');
  });

  it.each([
    [
      { vendor: 'voipcube', baseUrl: 'http://127.0.0.1:1/voipcube' },
      'runVerify: vendor voipcube needs credentials: key.',
    ],
    [
      { vendor: 'enneo', baseUrl: 'http://127.0.0.1:1/enneo/api/mind' },
      'runVerify: vendor enneo needs credentials: token or cookie.',
    ],
    [
      { vendor: 'soap', baseUrl: 'http://x', key: 'k' },
      'runVerify: vendor must be one of enneo, voipcube, autozod; got "soap".',
    ],
    [{ vendor: 'voipcube', baseUrl: 'ftp://x', key: 'k' }, 'runVerify: baseUrl must use http or https.'],
    [
      { vendor: 'voipcube', key: 'k' },
      'runVerify: baseUrl is required, e.g. http://127.0.0.1:4010/voipcube.',
    ],
    [
      { vendor: 'voipcube', baseUrl: 'http://x', key: 'k', maxRequests: 0 },
      'runVerify: maxRequests must be a whole number from 1 to 1000000.',
    ],
    [
      { vendor: 'voipcube', baseUrl: 'http://x', key: 'k', rate: -1 },
      'runVerify: rate must be a number of requests per second',
    ],
    [
      { vendor: 'voipcube', baseUrl: 'http://x', key: 'k', strict: 'yes' },
      'runVerify: strict must be true or false.',
    ],
    [
      { vendor: 'voipcube', baseUrl: 'http://x', key: 'k', reporter: 'json' },
      'runVerify: unknown option reporter; the options are',
    ],
  ])('refuses %j with a TypeError naming the option', async (options, message) => {
    const err = await runVerify(options as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message.startsWith(message)).toBe(true);
  });
});
