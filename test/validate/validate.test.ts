/**
 * `standin validate`: recordings judged offline. A HAR recorded through the proxy in front of
 * standin is clean; the same HAR edited to break one row fails at that row's JSON pointer; a bare
 * body is judged with --operation and --query; entries of other hosts or paths are noted, not judged.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Har } from '../../src/har/index.ts';
import { validateRecordings } from '../../src/har/validate.ts';
import { startProxy } from '../../src/proxy/index.ts';
import { run as spawned } from '../cli/helpers.ts';
import { cli as run } from '../cli/in-process.ts';
import { allSecrets, credentialHeaders, type Running, startStandin } from '../proxy/helpers.ts';

let standin: Running;
let dir: string;
let harFile: string;
let har: Har;

const PATHS = [
  '/stats/user-statuses?from=2025-09-01&to=2025-09-03&page=1&size=6',
  '/stats/user-statuses?from=2025-09-02&to=2025-09-03',
];

beforeAll(async () => {
  standin = await startStandin();
  dir = mkdtempSync(join(tmpdir(), 'standin-validate-'));
  harFile = join(dir, 'clean.har');
  const headers = await credentialHeaders();
  const proxy = await startProxy({
    vendor: 'voipcube',
    target: `${standin.origin}/voipcube`,
    port: 0,
    record: harFile,
  });
  for (const path of PATHS)
    await (await fetch(`${proxy.url}${path}`, { headers: headers.voipcube })).arrayBuffer();
  await proxy.close();
  har = JSON.parse(await readFile(harFile, 'utf8')) as Har;
});
afterAll(async () => {
  await standin.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The HAR with one row of the first entry changed. */
function brokenHar(edit: (rows: Record<string, unknown>[]) => void): string {
  const copy = structuredClone(har);
  const content = copy.log.entries[0]!.response.content;
  const rows = JSON.parse(content.text!) as Record<string, unknown>[];
  edit(rows);
  content.text = JSON.stringify(rows);
  return JSON.stringify(copy);
}

describe('validateRecordings', () => {
  it('a recording of standin’s answers is clean', async () => {
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(2);
    const entry = har.log.entries[0]!;
    expect(entry.request).toMatchObject({
      method: 'GET',
      httpVersion: 'HTTP/1.1',
      headersSize: -1,
      bodySize: 0,
    });
    expect(entry.request.queryString).toEqual([
      { name: 'from', value: '2025-09-01' },
      { name: 'to', value: '2025-09-03' },
      { name: 'page', value: '1' },
      { name: 'size', value: '6' },
    ]);
    expect(entry.response).toMatchObject({ status: 200, statusText: 'OK', redirectURL: '' });
    expect(entry.response.content.mimeType).toBe('application/json; charset=utf-8');
    expect(JSON.parse(entry.response.content.text!)).toHaveLength(6);
    expect(Object.keys(entry.timings)).toEqual(['send', 'wait', 'receive']);
    const text = await readFile(harFile, 'utf8');
    for (const secret of await allSecrets()) expect(text).not.toContain(secret);

    const report = await validateRecordings({
      vendor: 'voipcube',
      files: [{ name: 'clean.har', text }],
      strict: true,
    });
    expect(report.exitCode).toBe(0);
    expect(report.requests).toBe(2);
    expect(report.totals.fail).toBe(0);
  });

  it('a HAR edited to break one row fails at that row’s JSON pointer', async () => {
    const text = brokenHar((rows) => {
      rows[3]!.userId = 42;
    });
    const report = await validateRecordings({ vendor: 'voipcube', files: [{ name: 'broken.har', text }] });
    expect(report.exitCode).toBe(1);
    const failed = report.findings.filter((f) => f.outcome === 'fail');
    expect(failed).toEqual([
      expect.objectContaining({
        check: 'schema',
        endpoint: 'GET /stats/user-statuses',
        details: ['at /3/userId (JSON pointer into the body)'],
      }),
    ]);
    expect(failed[0]!.title).toMatch(
      /^#1 GET http:\/\/127\.0\.0\.1:\d+\/voipcube\/stats\/user-statuses\?.* → 200: type$/,
    );
  });

  it('a bare JSON body is judged as the operation’s 200 with the given query', async () => {
    const logs = JSON.parse(har.log.entries[0]!.response.content.text!) as unknown[];
    const body = JSON.stringify(logs);
    const ok = await validateRecordings({
      vendor: 'voipcube',
      operationId: 'getUserStatuses',
      query: 'from=2025-09-01&to=2025-09-03&page=1&size=6',
      files: [{ name: 'body.json', text: body }],
    });
    expect(ok.exitCode).toBe(0);
    const tooMany = await validateRecordings({
      vendor: 'voipcube',
      operationId: 'getUserStatuses',
      query: 'from=2025-09-01&to=2025-09-03&size=4',
      files: [{ name: 'body.json', text: body }],
    });
    expect(tooMany.exitCode).toBe(1);
    expect(tooMany.findings).toContainEqual(
      expect.objectContaining({
        check: 'pagination',
        outcome: 'fail',
        message: 'the page size is 4 but the answer holds 6 logs',
      }),
    );
  });

  it('entries that are no operation of the vendor are noted; a file with none of them cannot be checked (exit 2)', async () => {
    const copy = structuredClone(har);
    for (const e of copy.log.entries) e.request.url = 'https://example.com/elsewhere?x=1';
    const report = await validateRecordings({
      vendor: 'voipcube',
      files: [{ name: 'other.har', text: JSON.stringify(copy) }],
    });
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toBe(
      'nothing could be checked: no entry of other.har is a request to a voipcube operation',
    );
    expect(report.findings.map((f) => f.outcome)).toEqual(['skip', 'skip']);
    expect(report.findings[0]!.message).toMatch(/GET \/elsewhere is no operation of the voipcube contract/);
  });
});

describe('standin validate (the command)', () => {
  it('exits 0 on a clean HAR, 1 on a broken one (naming the pointer), 2 on a file that is no HAR', async () => {
    const broken = join(dir, 'broken.har');
    writeFileSync(
      broken,
      brokenHar((rows) => {
        rows[1]!.time = 'yesterday';
      }),
    );
    const notHar = join(dir, 'body.json');
    writeFileSync(notHar, '[]');

    const clean = await run(['validate', '--vendor', 'voipcube', harFile]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^standin validate — voipcube at /);
    expect(clean.stdout).toMatch(
      /\n\d+ passed, 0 failed, 0 warned, 0 skipped — 2 exchange\(s\) in \d+ ms\n$/,
    );

    const failed = await run(['validate', '--vendor', 'voipcube', '--reporter', 'json', broken]);
    expect(failed.code).toBe(1);
    const json = JSON.parse(failed.stdout) as {
      exitCode: number;
      findings: { outcome: string; details?: string[] }[];
    };
    expect(json.exitCode).toBe(1);
    expect(json.findings.filter((f) => f.outcome === 'fail').map((f) => f.details)).toContainEqual([
      'at /1/time (JSON pointer into the body)',
    ]);

    const unusable = await run(['validate', '--vendor', 'voipcube', notHar]);
    expect(unusable.code).toBe(2);
    expect(unusable.stderr).toContain(
      `${notHar} is not a HAR document: it has no log.entries array (to judge a bare JSON body, give --operation)`,
    );

    const bare = await run([
      'validate',
      '--vendor',
      'voipcube',
      '--operation',
      'getUserStatuses',
      '--query',
      'from=2025-09-01&to=2025-09-02',
      notHar,
    ]);
    expect(bare.code).toBe(0);
  }, 60_000);

  it('the real binary (one spawned run): an empty HAR judges nothing, exit 2; a clean bare body passes, exit 0', async ({
    expect,
  }) => {
    const empty = join(dir, 'empty.har');
    writeFileSync(
      empty,
      JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [] } }),
    );
    const nothing = await spawned(['validate', '--vendor', 'voipcube', empty]);
    expect(nothing.code).toBe(2);
    expect(nothing.stdout + nothing.stderr).not.toBe('');
    const body = join(dir, 'body.json');
    writeFileSync(body, '[]');
    const bare = await spawned([
      'validate',
      '--vendor',
      'voipcube',
      '--operation',
      'getUserStatuses',
      '--query',
      'from=2025-09-01&to=2025-09-02',
      body,
    ]);
    expect(bare.code).toBe(0);
  });
});

describe('recording Enneo exports', () => {
  it('keeps xlsx as base64 and csv as text; both validate clean, and a shuffled order is an ordering violation', async () => {
    const file = join(dir, 'enneo.har');
    const headers = await credentialHeaders();
    const proxy = await startProxy({
      vendor: 'enneo',
      target: `${standin.origin}/enneo/api/mind`,
      port: 0,
      record: file,
    });
    for (const format of ['xlsx', 'csv']) {
      const r = await fetch(
        `${proxy.url}/export/reporting_worklog?format=${format}&limit=6&orderByField=duration&orderByDirection=asc`,
        {
          headers: headers.enneo,
        },
      );
      expect(r.headers.get('standin-violations')).toBe('0');
      await r.arrayBuffer();
    }
    await proxy.close();
    const text = await readFile(file, 'utf8');
    const recorded = JSON.parse(text) as Har;
    const [xlsx, csv] = recorded.log.entries.map((e) => e.response.content);
    expect(xlsx!.encoding).toBe('base64');
    expect(Buffer.from(xlsx!.text!, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    expect(csv!.encoding).toBeUndefined();
    expect(csv!.text!.split('\r\n')[0]).toMatch(/^date,name,ticketId,/);
    for (const secret of await allSecrets()) expect(text).not.toContain(secret);

    const clean = await validateRecordings({
      vendor: 'enneo',
      files: [{ name: 'enneo.har', text }],
      strict: true,
    });
    expect(clean.exitCode).toBe(0);

    // The csv rows reversed: duration now descends although asc was asked for.
    const lines = csv!.text!.split('\r\n');
    csv!.text = [lines[0], ...lines.slice(1, -1).reverse(), ''].join('\r\n');
    const shuffled = await validateRecordings({
      vendor: 'enneo',
      files: [{ name: 'enneo.har', text: JSON.stringify(recorded) }],
    });
    expect(shuffled.exitCode).toBe(1);
    expect(shuffled.findings.filter((f) => f.outcome === 'fail')).toEqual([
      expect.objectContaining({ check: 'ordering', title: expect.stringMatching(/: order-direction$/) }),
    ]);
  });
});
