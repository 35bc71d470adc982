import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJunit } from 'junit2json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { generateWorld } from '../../src/world/index.ts';
import { close, listen, mutantServer, serveApp } from '../contract/mutants/harness.ts';
import { run } from './helpers.ts';

/** Long, unusual values so that finding them in any output means a leak. */
const KEY = 'verify-test-voipcube-key-5f1c2d9e8a7b';
const TOKEN = 'verify-test-autozod-token-3b4c5d6e7f80';

let standin: Awaited<ReturnType<typeof serveApp>>;
let requests = 0;
const seen: URL[] = [];
let counting: Awaited<ReturnType<typeof listen>>;
const out = join(tmpdir(), `standin-verify-${process.pid}`);

beforeAll(async () => {
  const world = generateWorld();
  standin = await serveApp(
    createApp({ world, credentials: { voipcube: { key: KEY }, autozod: { token: TOKEN } } }),
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
  await rm(`${out}.xml`, { force: true });
  await rm(`${out}.json`, { force: true });
});

const voipcube = (origin: string, ...more: string[]) => [
  'verify',
  '--vendor',
  'voipcube',
  '--base-url',
  `${origin}/voipcube`,
  '--rate',
  '0',
  ...more,
];

function expectNoSecret(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(TOKEN);
  }
}

describe('standin verify', () => {
  it('exits 0 against standin with --strict and says so on the console', async () => {
    const r = await run([...voipcube(standin.url, '--strict'), '--key', KEY], {}, 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^standin verify — voipcube at http:\/\/127\.0\.0\.1:\d+\/voipcube \(strict\)$/m,
    );
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 0 warned, 0 skipped — \d+ requests/m);
    expectNoSecret(r.stdout, r.stderr);
  });

  it('reads the key from VOIPCUBE_KEY and the token from AUTOZOD_TOKEN', async () => {
    const v = await run(voipcube(standin.url, '--strict'), { VOIPCUBE_KEY: KEY }, 60_000);
    expect(v.code).toBe(0);
    const a = await run(
      ['verify', '--vendor', 'autozod', '--base-url', `${standin.url}/autozod`, '--rate', '0', '--strict'],
      { AUTOZOD_TOKEN: TOKEN },
      60_000,
    );
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expectNoSecret(v.stdout, v.stderr, a.stdout, a.stderr);
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
      const r = await run([...voipcube(broken.url, '--strict'), '--key', KEY], {}, 60_000);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL {2}ordering +GET \/stats\/user-statuses/m);
      expect(r.stdout).toContain('logs ascend by time');
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
      const lax = await run([...voipcube(lenient.url), '--key', KEY], {}, 60_000);
      expect(lax.code, lax.stdout).toBe(0);
      expect(lax.stdout).toMatch(/^WARN {2}parameters/m);
      expect(lax.stdout).toContain('WARN to before from is refused [assumed]');
      const strict = await run([...voipcube(lenient.url, '--strict'), '--key', KEY], {}, 60_000);
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain('FAIL to before from is refused [assumed]');
    } finally {
      await close(lenient.server);
    }
  });

  it('writes a JUnit report that a JUnit parser reads, with no credential in it', async () => {
    const r = await run(
      [...voipcube(standin.url, '--strict'), '--key', KEY, '--reporter', 'junit', '--output', `${out}.xml`],
      {},
      60_000,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\d+ passed, 0 failed, 0 warned — report written to .*\.xml$/m);
    const xml = await readFile(`${out}.xml`, 'utf8');
    expectNoSecret(xml);
    const parsed = (await parseJunit(xml)) as {
      failures?: number;
      testsuite?: { name?: string; failures?: number; testcase?: { name?: string }[] }[];
    };
    expect(parsed.failures).toBe(0);
    const suites = parsed.testsuite?.map((s) => s.name);
    expect(suites).toEqual([
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

  it('writes a JSON report with totals, results per check and every finding', async () => {
    const r = await run(
      [...voipcube(standin.url), '--key', KEY, '--reporter', 'json', '--output', `${out}.json`],
      {},
      60_000,
    );
    expect(r.code).toBe(0);
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
  });

  it('sends no more than --max-requests and reports the rest as skipped', async () => {
    requests = 0;
    const r = await run([...voipcube(counting.url), '--key', KEY, '--max-requests', '12'], {}, 60_000);
    expect(requests).toBeLessThanOrEqual(12);
    expect(requests).toBeGreaterThan(0);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the request budget of 12 is spent');
    expect(r.stdout).toMatch(/^SKIP {2}robustness/m);
  });

  it('--user-id picks the day and the one-id filter from that user', async () => {
    const user = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
    seen.length = 0;
    const r = await run([...voipcube(counting.url, '--strict'), '--key', KEY, '--user-id', user], {}, 60_000);
    expect(r.code, r.stdout).toBe(0);
    expect(seen[0]?.searchParams.getAll('userIds[]')).toEqual([user]);
    const oneId = seen.filter(
      (u) => u.searchParams.getAll('userIds[]').length === 1 && !u.searchParams.has('page'),
    );
    expect(oneId.map((u) => u.searchParams.get('userIds[]'))).toContain(user);
  });

  it('paces requests to --rate', async () => {
    requests = 0;
    const started = Date.now();
    const r = await run(
      [
        'verify',
        '--vendor',
        'voipcube',
        '--base-url',
        `${counting.url}/voipcube`,
        '--key',
        KEY,
        '--max-requests',
        '6',
        '--rate',
        '5/s',
      ],
      {},
      60_000,
    );
    // Six requests at five a second cannot finish in less than one second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(requests).toBe(6);
    expect(r.code).toBe(0);
  });

  it('exits 2 with a clear message when the target is unreachable', async () => {
    const closed = await listen(() => {});
    await close(closed.server);
    const r = await run([...voipcube(closed.url), '--key', KEY, '--timeout', '2000'], {}, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('standin verify: connection refused');
    expect(r.stdout).toContain('The target could not be checked (exit 2).');
  });

  it('exits 2 and names the flag when the credentials are refused, without printing them', async () => {
    const wrong = 'a-wrong-key-that-must-not-be-printed';
    const r = await run([...voipcube(standin.url), '--key', wrong], {}, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the target refused the given key (401): check --key / VOIPCUBE_KEY');
    expect(r.stdout + r.stderr).not.toContain(wrong);
  });

  it('exits 2 on bad usage with one line naming the flag', async () => {
    const noVendor = await run(['verify', '--base-url', 'http://127.0.0.1:1/x', '--key', 'k']);
    expect(noVendor.code).toBe(2);
    expect(noVendor.stderr).toContain("required option '--vendor <vendor>' not specified");
    const badUrl = await run(['verify', '--vendor', 'voipcube', '--base-url', 'localhost', '--key', 'k']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('--base-url must be an absolute http(s) URL');
    const noKey = await run(['verify', '--vendor', 'voipcube', '--base-url', 'http://127.0.0.1:1/voipcube']);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('verify --vendor voipcube needs credentials: --key (or VOIPCUBE_KEY).');
    const badRate = await run([...voipcube('http://127.0.0.1:1'), '--key', 'k', '--rate', 'fast']);
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toContain('--rate must be a number of requests per second');
  });
});
