/**
 * The proxy in front of deliberately broken upstreams (standin wrapped so that it ignores limit,
 * leaks email under pseudonymized, sums a summary wrong, sends a VoIPcube time outside [from, to],
 * drops a csv column): the violation shows with the right check in the header, the journal and the
 * report; the HAR recorded on the way gives the same verdicts in `validate`; no credential shows
 * anywhere.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatExchangeReport } from '../../src/contract/exchange/report.ts';
import type { ContractVendor } from '../../src/contract/loader.ts';
import type { Finding, PrivacyExpectation } from '../../src/contract/suite/types.ts';
import { validateRecordings } from '../../src/har/validate.ts';
import { startProxy } from '../../src/proxy/index.ts';
import {
  allSecrets,
  autozodIds,
  type Breakage,
  credentialHeaders,
  editJson,
  type Running,
  startBroken,
  startStandin,
} from './helpers.ts';

type Rows = Record<string, unknown>[];

interface Broken {
  name: string;
  vendor: ContractVendor;
  base: string;
  path: string;
  breakage: Breakage;
  expectPrivacy?: PrivacyExpectation;
  strict?: boolean;
  pseudonymized?: boolean;
  check: string;
  rule: string;
  pointer: string;
}

const { teamId, agentId } = autozodIds();

const CASES: Broken[] = [
  {
    name: 'ignores limit',
    vendor: 'enneo',
    base: '/enneo/api/mind',
    path: '/export/reporting_worklog?format=json&limit=5',
    breakage: (path, ask) => ask(path.replace('limit=5', 'limit=8')),
    check: 'pagination',
    rule: 'limit-range',
    pointer: '/5',
  },
  {
    name: 'leaks email under pseudonymized',
    vendor: 'enneo',
    base: '/enneo/api/mind',
    path: '/export/reporting_worklog?format=json&limit=3',
    pseudonymized: true,
    expectPrivacy: 'pseudonymized',
    breakage: async (path, ask) =>
      editJson(await ask(path), (rows) => (rows as Rows).map((r) => ({ ...r, email: 'agent@example.com' }))),
    check: 'privacy',
    rule: 'privacy-levels',
    pointer: '/0/email',
  },
  {
    name: 'sums a summary wrong',
    vendor: 'autozod',
    base: '/autozod',
    path: `/api/sessionLogs/list?team_id=${teamId}&agent_id=${agentId}&type=on_duty&start_date=01-09-2025&end_date=03-09-2025`,
    strict: true,
    breakage: async (path, ask) =>
      editJson(await ask(path), (body) => {
        const b = body as { data: { summary: { total_session_count: number } } };
        b.data.summary.total_session_count += 1;
        return b;
      }),
    check: 'consistency',
    rule: 'summary-is-sum-of-breakdown',
    pointer: '/data/summary/total_session_count',
  },
  {
    name: 'sends a time outside [from, to]',
    vendor: 'voipcube',
    base: '/voipcube',
    path: '/stats/user-statuses?from=2025-09-10&to=2025-09-11',
    breakage: async (path, ask) =>
      editJson(await ask(path), (logs) => {
        const list = logs as Rows;
        list[list.length - 1]!.time = '2025-09-11T00:00:00.001Z';
        return list;
      }),
    check: 'filters',
    rule: 'inclusive-range',
    pointer: '/LAST/time',
  },
  {
    name: 'drops a csv column',
    vendor: 'enneo',
    base: '/enneo/api/mind',
    path: '/export/reporting_worklog?format=csv&limit=4',
    breakage: async (path, ask) => {
      const answer = await ask(path);
      const records = parse(answer.body.toString('utf8')) as string[][];
      const drop = records[0]!.indexOf('duration');
      const kept = records.map((cells) => cells.filter((_, i) => i !== drop));
      return { ...answer, body: Buffer.from(stringify(kept, { record_delimiter: '\r\n' })) };
    },
    check: 'schema',
    rule: 'required',
    pointer: '/0/duration',
  },
];

let standin: Running;
let pseudonymized: Running;
let headers: Awaited<ReturnType<typeof credentialHeaders>>;
let secrets: string[];
let dir: string;

beforeAll(async () => {
  standin = await startStandin();
  pseudonymized = await startStandin({ settings: { enneo: { reportingPrivacyLevel: 'pseudonymized' } } });
  headers = await credentialHeaders();
  secrets = await allSecrets();
  dir = mkdtempSync(join(tmpdir(), 'standin-proxy-'));
});
afterAll(async () => {
  await standin.close();
  await pseudonymized.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A failure as both reports state it: check, rule (the title's tail) and where. */
const failures = (findings: Finding[]) =>
  findings
    .filter((f) => f.outcome === 'fail')
    .map((f) => `${f.check} ${f.title.split(': ').at(-1)} ${f.details?.join() ?? ''}`)
    .sort();

describe('standin proxy in front of a broken upstream', () => {
  it.each(CASES)(
    '$name: $check violation in the header, the journal and the report; the same from its HAR',
    async (c) => {
      const upstream = await startBroken(c.pseudonymized ? pseudonymized : standin, c.breakage);
      const har = join(dir, `${c.name.replace(/\W+/g, '-')}.har`);
      const logged: string[] = [];
      const proxy = await startProxy({
        vendor: c.vendor,
        target: `${upstream.origin}${c.base}`,
        port: 0,
        record: har,
        strict: Boolean(c.strict),
        onExchange: (e) => logged.push(JSON.stringify(e)),
        ...(c.expectPrivacy ? { expectPrivacy: c.expectPrivacy } : {}),
      });
      const r = await fetch(`${proxy.url}${c.path}`, { headers: headers[c.vendor] });
      expect(r.status).toBe(200);
      const body = Buffer.from(await r.arrayBuffer());

      const [entry] = proxy.requests();
      const count = Number(r.headers.get('standin-violations'));
      expect(count).toBeGreaterThanOrEqual(1);
      expect(entry!.violations).toHaveLength(count);
      const rows = c.vendor === 'voipcube' ? (JSON.parse(body.toString('utf8')) as Rows).length : 0;
      const pointer = c.pointer.replace('LAST', String(rows - 1));
      expect(entry!.violations).toContainEqual(
        expect.objectContaining({ check: c.check, rule: c.rule, pointer }),
      );

      const report = await proxy.close();
      await upstream.close();
      expect(report.exitCode).toBe(1);
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          check: c.check,
          outcome: 'fail',
          details: [`at ${pointer} (JSON pointer into the body)`],
        }),
      );

      const harText = readFileSync(har, 'utf8');
      const replayed = await validateRecordings({
        vendor: c.vendor,
        files: [{ name: har, text: harText }],
        strict: Boolean(c.strict),
        ...(c.expectPrivacy ? { expectPrivacy: c.expectPrivacy } : {}),
      });
      expect(replayed.exitCode).toBe(1);
      expect(failures(replayed.findings)).toEqual(failures(report.findings));

      const everything = [
        harText,
        JSON.stringify(proxy.requests()),
        ...logged,
        ...(['console', 'json', 'junit'] as const).flatMap((f) => [
          formatExchangeReport(report, f, 'standin proxy'),
          formatExchangeReport(replayed, f, 'standin validate'),
        ]),
      ].join('\n');
      for (const secret of secrets) expect(everything).not.toContain(secret);
    },
  );
});
