/**
 * `standin verify` as a user runs it: through `runCli` in-process (the command, its flags, its
 * output and exit status), against standin and broken variants of it on loopback. The real
 * binary's verify run is in smoke.test.ts.
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJunit } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { runCli } from '../../src/cli/run.ts';
import { defaultRate } from '../../src/contract/suite/index.ts';
import { generateWorld } from '../../src/world/index.ts';
import { close, listen, mutantServer, serveApp } from '../contract/mutants/harness.ts';

/** Long, unusual values so that finding them in any output means a leak. */
const KEY = 'verify-test-voipcube-key-5f1c2d9e8a7b';
const TOKEN = 'verify-test-autozod-token-3b4c5d6e7f80';

let standin: Awaited<ReturnType<typeof serveApp>>;
let pseudonymized: Awaited<ReturnType<typeof serveApp>>;
let requests = 0;
const seen: URL[] = [];
let counting: Awaited<ReturnType<typeof listen>>;
const out = join(tmpdir(), `standin-verify-${process.pid}`);

beforeAll(async () => {
  const world = generateWorld();
  const credentials = { voipcube: { key: KEY }, autozod: { token: TOKEN } };
  standin = await serveApp(createApp({ world, credentials }));
  pseudonymized = await serveApp(
    createApp({ world, credentials, settings: { enneo: { reportingPrivacyLevel: 'pseudonymized' } } }),
  );
  // A pass-through proxy that counts what reaches the target.
  counting = await mutantServer(standin.url, {
    name: 'count',
    vendor: 'voipcube',
    check: 'schema',
    request: (url) => {
      requests++;
      seen.push(new URL(url));
      return undefined;
    },
  });
});

afterAll(async () => {
  await close(counting.server);
  await close(standin.server);
  await close(pseudonymized.server);
  await rm(`${out}.xml`, { force: true });
  await rm(`${out}.json`, { force: true });
});

/** Runs `standin <argv>` in-process and returns its exit status and what it printed. */
async function cli(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    logger: { out: (l) => stdout.push(l), err: (l) => stderr.push(l) },
    signals: { on: () => undefined, off: () => undefined },
    now: Date.now,
    version: '0.0.0-test',
  });
  return { code, stdout: stdout.map((l) => `${l}\n`).join(''), stderr: stderr.map((l) => `${l}\n`).join('') };
}

const voipcube = (origin: string, ...more: string[]) => [
  'verify',
  '--vendor',
  'voipcube',
  '--base-url',
  `${origin}/voipcube`,
  ...more,
];

const enneo = async (origin: string) => [
  'verify',
  '--vendor',
  'enneo',
  '--base-url',
  `${origin}/enneo/api/mind`,
  '--token',
  await enneoToken(),
];

function expectNoSecret(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(TOKEN);
  }
}

/** Progress lines, e.g. `[1/6] PASS auth         GET /stats/user-statuses  4 passed (3 ms)`. */
const PROGRESS = /^\[\s*\d+\/\d+\] (PASS|FAIL|WARN|SKIP) \w+ +GET \S+ {2}\d+ passed/;
const progressLines = (text: string) => text.split('\n').filter((l) => PROGRESS.test(l));

describe('standin verify', () => {
  it('exits 0 against standin with --strict, with a progress line per check on stderr', async () => {
    const r = await cli([...voipcube(standin.url, '--strict'), '--key', KEY]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(
      /^standin verify — voipcube at http:\/\/127\.0\.0\.1:\d+\/voipcube \(strict\)$/m,
    );
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 0 warned, 0 skipped — \d+ requests/m);
    const lines = progressLines(r.stderr);
    expect(lines.map((l) => l.split(/\s+/)[2])).toEqual([
      'auth',
      'parameters',
      'pagination',
      'ordering',
      'filters',
      'robustness',
    ]);
    expect(lines[0]).toMatch(/^\[1\/6\] PASS auth {9}GET \/stats\/user-statuses {2}4 passed \(\d+ ms\)$/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(6);
    expectNoSecret(r.stdout, r.stderr);
  });

  it('reads the key from VOIPCUBE_KEY and the token from AUTOZOD_TOKEN', async () => {
    vi.stubEnv('VOIPCUBE_KEY', KEY);
    vi.stubEnv('AUTOZOD_TOKEN', TOKEN);
    try {
      const v = await cli(voipcube(standin.url, '--strict', '--check', 'auth'));
      expect(v.code, v.stdout).toBe(0);
      const a = await cli([
        'verify',
        '--vendor',
        'autozod',
        '--base-url',
        `${standin.url}/autozod`,
        '--strict',
      ]);
      expect(a.code, a.stdout + a.stderr).toBe(0);
      expectNoSecret(v.stdout, v.stderr, a.stdout, a.stderr);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('exits 1 with the failing check named against a server that breaks the contract', async () => {
    const broken = await mutantServer(standin.url, {
      name: 'reverse',
      vendor: 'voipcube',
      check: 'ordering',
      response: (e) =>
        e.status === 200 && !e.url.searchParams.has('page') && !e.url.searchParams.has('size')
          ? {
              ...e,
              body: Buffer.from(JSON.stringify((JSON.parse(e.body.toString()) as unknown[]).reverse())),
            }
          : e,
    });
    try {
      const r = await cli([...voipcube(broken.url, '--strict'), '--key', KEY]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL {2}ordering +GET \/stats\/user-statuses/m);
      expect(r.stdout).toContain('logs ascend by time');
      expect(r.stderr).toMatch(/^\[4\/6\] FAIL ordering/m);
    } finally {
      await close(broken.server);
    }
  });

  it('without --strict an assumed rule that breaks only warns and exits 0', async () => {
    // "to before from is refused" is assumed: a server that answers [] there breaks only an assumed rule.
    const lenient = await mutantServer(standin.url, {
      name: 'to-before-from',
      vendor: 'voipcube',
      check: 'parameters',
      response: (e) => {
        const from = e.url.searchParams.get('from') ?? '';
        const to = e.url.searchParams.get('to') ?? '';
        return e.status === 400 && to !== '' && Date.parse(to) < Date.parse(from)
          ? { ...e, status: 200, body: Buffer.from('[]') }
          : e;
      },
    });
    try {
      const lax = await cli([...voipcube(lenient.url), '--key', KEY, '--check', 'parameters']);
      expect(lax.code, lax.stdout).toBe(0);
      expect(lax.stdout).toMatch(/^WARN {2}parameters/m);
      expect(lax.stdout).toContain('WARN to before from is refused [assumed]');
      const strict = await cli([...voipcube(lenient.url, '--strict'), '--key', KEY, '--check', 'parameters']);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain('FAIL to before from is refused [assumed]');
    } finally {
      await close(lenient.server);
    }
  });

  it('shows every failure on the console that the JSON report records', async () => {
    // Every generated request with a `size` that is not a plain positive number gets a 500: many failures of one check.
    const crashing = await mutantServer(standin.url, {
      name: 'crash',
      vendor: 'voipcube',
      check: 'robustness',
      request: (url) =>
        url.searchParams.has('size') && !/^[1-9]\d*$/.test(url.searchParams.get('size') ?? '')
          ? { url, status: 500, headers: { 'content-type': 'text/plain' }, body: Buffer.from('boom') }
          : undefined,
    });
    try {
      const args = [...voipcube(crashing.url), '--key', KEY, '--check', 'robustness'];
      const text = await cli(args);
      const json = await cli([...args, '--reporter', 'json']);
      const report = JSON.parse(json.stdout) as { totals: { fail: number } };
      expect(report.totals.fail).toBeGreaterThan(10);
      expect(text.stdout.split('\n').filter((l) => l.startsWith('      FAIL '))).toHaveLength(
        report.totals.fail,
      );
      expect(text.stdout).not.toContain('… and');
    } finally {
      await close(crashing.server);
    }
  });

  it('writes a JUnit report that a JUnit parser reads, with no credential in it', async () => {
    const r = await cli([
      ...voipcube(standin.url, '--strict'),
      '--key',
      KEY,
      '--reporter',
      'junit',
      '--output',
      `${out}.xml`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\d+ passed, 0 failed, 0 warned — report written to .*\.xml$/m);
    expect(progressLines(r.stderr)).toHaveLength(6);
    const xml = await readFile(`${out}.xml`, 'utf8');
    expectNoSecret(xml);
    const parsed = (await parseJunit(xml)) as {
      failures?: number;
      testsuite?: { name?: string; failures?: number; testcase?: { name?: string }[] }[];
    };
    expect(parsed.failures).toBe(0);
    expect(parsed.testsuite?.map((s) => s.name)).toEqual([
      'schema',
      'status',
      'auth',
      'parameters',
      'pagination',
      'ordering',
      'filters',
      'robustness',
    ]);
    expect(parsed.testsuite?.[0]?.testcase?.[0]?.name).toBe('GET /stats/user-statuses');
  });

  it('writes a JSON report with totals, results per check and every finding; quiet when it takes stdout', async () => {
    const toFile = await cli([
      ...voipcube(standin.url),
      '--key',
      KEY,
      '--reporter',
      'json',
      '--output',
      `${out}.json`,
    ]);
    expect(toFile.code).toBe(0);
    const text = await readFile(`${out}.json`, 'utf8');
    expectNoSecret(text);
    const report = JSON.parse(text) as {
      exitCode: number;
      totals: Record<string, number>;
      results: { check: string; outcome: string }[];
      findings: unknown[];
    };
    expect(report.exitCode).toBe(0);
    expect(report.totals.fail).toBe(0);
    expect(report.totals.pass).toBe(report.findings.length);
    expect(new Set(report.results.map((x) => x.check)).has('pagination')).toBe(true);
    const toStdout = await cli([
      ...voipcube(standin.url),
      '--key',
      KEY,
      '--reporter',
      'json',
      '--check',
      'auth',
    ]);
    expect(toStdout.stderr).toBe('');
    expect((JSON.parse(toStdout.stdout) as { exitCode: number }).exitCode).toBe(0);
  });

  it('--check limits the run to the named checks, in the report and in the requests sent', async () => {
    requests = 0;
    const r = await cli([
      ...voipcube(counting.url, '--strict'),
      '--key',
      KEY,
      '--reporter',
      'json',
      '--check',
      'auth',
      '--check',
      'filters',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      checks: string[];
      results: { check: string }[];
      requests: number;
    };
    expect(report.checks).toEqual(['auth', 'filters']);
    expect([...new Set(report.results.map((x) => x.check))]).toEqual(['auth', 'filters']);
    // The probes, two wrong keys, and the filter requests: no robustness, no walk.
    expect(requests).toBe(report.requests);
    expect(requests).toBeLessThan(15);
  });

  it('sends no more than --max-requests and reports the rest as skipped', async () => {
    requests = 0;
    const r = await cli([...voipcube(counting.url), '--key', KEY, '--max-requests', '12']);
    expect(requests).toBeLessThanOrEqual(12);
    expect(requests).toBeGreaterThan(0);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the request budget of 12 is spent');
    expect(r.stdout).toMatch(/^SKIP {2}robustness/m);
  });

  it('--user-id picks the day and the one-id filter from that user', async () => {
    const user = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
    seen.length = 0;
    const r = await cli([
      ...voipcube(counting.url, '--strict'),
      '--key',
      KEY,
      '--user-id',
      user,
      '--check',
      'filters',
    ]);
    expect(r.code, r.stdout).toBe(0);
    expect(seen[0]?.searchParams.getAll('userIds[]')).toEqual([user]);
    const oneId = seen.filter(
      (u) => u.searchParams.getAll('userIds[]').length === 1 && !u.searchParams.has('page'),
    );
    expect(oneId.map((u) => u.searchParams.get('userIds[]'))).toContain(user);
  });

  it('paces requests to --rate; without it, loopback targets are unbounded and other hosts get 20/s', async () => {
    requests = 0;
    const started = Date.now();
    const r = await cli([...voipcube(counting.url), '--key', KEY, '--max-requests', '3', '--rate', '5/s']);
    // Three requests at five a second: the last one leaves 400 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(requests).toBe(3);
    expect(r.code).toBe(0);
    expect(defaultRate('http://127.0.0.1:4010/voipcube')).toBe(0);
    expect(defaultRate('http://localhost:4010/voipcube')).toBe(0);
    expect(defaultRate('http://[::1]:4010/voipcube')).toBe(0);
    expect(defaultRate('https://customer.voipcube.nl')).toBe(20);
  });

  it('an Enneo endpoint that is missing fails its checks and the others still run (exit 1)', async () => {
    const lacking = await mutantServer(standin.url, {
      name: 'no ticket endpoint',
      vendor: 'enneo',
      check: 'status',
      request: (url) =>
        url.pathname.includes('/ticket/')
          ? {
              url,
              status: 404,
              headers: { 'content-type': 'text/html' },
              body: Buffer.from('<h1>Not Found</h1>'),
            }
          : undefined,
    });
    try {
      const r = await cli([
        ...(await enneo(lacking.url)),
        '--reporter',
        'json',
        '--check',
        'status',
        '--check',
        'auth',
      ]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        results: { check: string; endpoint: string; outcome: string }[];
        hints: string[];
      };
      expect(report.results).toContainEqual(
        expect.objectContaining({
          check: 'auth',
          endpoint: 'GET /export/reporting_worklog',
          outcome: 'pass',
        }),
      );
      expect(report.results).toContainEqual(
        expect.objectContaining({
          check: 'status',
          endpoint: 'GET /ticket/{ticketId}/worklog',
          outcome: 'fail',
        }),
      );
      expect(report.results.some((x) => x.check === 'auth' && x.endpoint.startsWith('GET /ticket'))).toBe(
        false,
      );
      expect(report.hints[0]).toContain('check --base-url');
    } finally {
      await close(lacking.server);
    }
  });

  it('Autozod checks pointed at /voipcube say to check --base-url, not --team-id (exit 2)', async () => {
    const r = await cli([
      'verify',
      '--vendor',
      'autozod',
      '--base-url',
      `${standin.url}/voipcube`,
      '--token',
      TOKEN,
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(
      /^hint: the answer to \/api\/sessionLogs\/list does not look like autozod's: check --base-url/m,
    );
    expect(r.stdout + r.stderr).not.toContain('--team-id');
    // The failure the JSON and JUnit reports record is on the console too.
    expect(r.stdout).toMatch(/^FAIL {2}status +GET \/api\/sessionLogs\/list/m);
    expect(r.stderr).toContain(
      'standin verify: no endpoint could be checked: GET /api/sessionLogs/list got 404',
    );
  });

  it('against a pseudonymized server, suggests --expect-privacy pseudonymized', async () => {
    const r = await cli([...(await enneo(pseudonymized.url)), '--check', 'privacy']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "hint: the export's columns are those of reportingPrivacyLevel pseudonymized: if the server runs with it, pass --expect-privacy pseudonymized",
    );
    const fixed = await cli([
      ...(await enneo(pseudonymized.url)),
      '--check',
      'privacy',
      '--expect-privacy',
      'pseudonymized',
    ]);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(fixed.stdout).not.toContain('hint:');
  });

  it('exits 2 with a clear message when the target is unreachable', async () => {
    const closed = await listen(() => {});
    await close(closed.server);
    const r = await cli([...voipcube(closed.url), '--key', KEY, '--timeout', '2000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standin verify: connection refused');
    expect(r.stdout).toContain('The target could not be checked (exit 2).');
  });

  it('exits 2 and names the flag when the credentials are refused, without printing them', async () => {
    const wrong = 'a-wrong-key-that-must-not-be-printed';
    const r = await cli([...voipcube(standin.url), '--key', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the target refused the given key (401): check --key / VOIPCUBE_KEY');
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('exits 2 on bad usage with one line naming the flag', async () => {
    const noVendor = await cli(['verify', '--base-url', 'http://127.0.0.1:1/x', '--key', 'k']);
    expect(noVendor.code).toBe(2);
    expect(noVendor.stderr).toContain("required option '--vendor <vendor>' not specified");
    const badUrl = await cli(['verify', '--vendor', 'voipcube', '--base-url', 'localhost', '--key', 'k']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--base-url must be an absolute http(s) URL');
    const noKey = await cli(['verify', '--vendor', 'voipcube', '--base-url', 'http://127.0.0.1:1/voipcube']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('verify --vendor voipcube needs credentials: --key (or VOIPCUBE_KEY).');
    const badRate = await cli([...voipcube('http://127.0.0.1:1'), '--key', 'k', '--rate', 'fast']);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--rate must be a number of requests per second');
    const badCheck = await cli([...voipcube('http://127.0.0.1:1'), '--key', 'k', '--check', 'speed']);
    expect(badCheck.code).toBe(2);
    expect(badCheck.stderr).toContain('--check must be one of schema, status, auth,');
  });
});

/** The default development JWT of the Enneo mock. */
async function enneoToken(): Promise<string> {
  const { defaultEnneoToken } = await import('../../mocks/enneo/token.ts');
  const { DEFAULT_CREDENTIALS } = await import('../../src/config/credentials.ts');
  return defaultEnneoToken(DEFAULT_CREDENTIALS.enneo.jwtSecret);
}
