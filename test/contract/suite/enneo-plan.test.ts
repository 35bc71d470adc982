import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken, enneoVendor, mintEnneoToken } from '../../../mocks/enneo/index.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import {
  createSettingsStore,
  DEFAULT_SETTINGS,
  PRIVACY_LEVELS,
  type PrivacyLevel,
  type SettingsStore,
} from '../../../src/config/settings.ts';
import { VENDOR_PLANS as PLANS } from '../../../src/contract/suite/index.ts';
import { runSuite } from '../../../src/contract/suite/runner.ts';
import {
  CHECKS,
  type Finding,
  type Report,
  type SuiteOptions,
  type Target,
} from '../../../src/contract/suite/types.ts';
import { generateWorld } from '../../../src/world/index.ts';

const SECRET = DEFAULT_CREDENTIALS.enneo.jwtSecret;
const COOKIE = `connect.sid=${DEFAULT_CREDENTIALS.enneo.sessionId}`;
const RUN_TIMEOUT = 120_000;

type Rows = Record<string, unknown>[];
/** Alters what the mock answers, to prove the plan notices: a rewritten URL, or rewritten JSON arrays. */
interface Mutant {
  url?: (url: string) => string;
  rows?: (req: Request, rows: Rows) => Rows;
}

let server: Server;
let baseUrl: string;
let settings: SettingsStore;
let token: string;
let mutant: Mutant | undefined;

function mutate(req: Request, res: Response, next: NextFunction): void {
  if (mutant?.url) req.url = mutant.url(req.url);
  const rewrite = mutant?.rows;
  if (rewrite) {
    // At res.end, where every answer passes whether sent as text (res.send) or as ready bytes.
    const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => Response;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk;
      if (typeof text !== 'string' || !text.startsWith('[')) return end(chunk, ...rest);
      const body = JSON.stringify(rewrite(req, JSON.parse(text) as Rows));
      res.setHeader('Content-Length', Buffer.byteLength(body));
      return end(body, ...rest);
    }) as Response['end'];
  }
  next();
}

beforeAll(async () => {
  settings = createSettingsStore();
  const app = express();
  const world = generateWorld();
  app.use(
    enneoVendor.basePath,
    mutate,
    enneoVendor.createRouter({ world, settings, credentials: DEFAULT_CREDENTIALS, clock: () => Date.now() }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${enneoVendor.basePath}`;
  token = await defaultEnneoToken(SECRET);
});

afterEach(() => {
  mutant = undefined;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function verify(level: PrivacyLevel, credentials: Target['credentials'], strict = true): Promise<Report> {
  settings.set({ ...DEFAULT_SETTINGS, enneo: { ...DEFAULT_SETTINGS.enneo, reportingPrivacyLevel: level } });
  const options: SuiteOptions = {
    target: { vendor: 'enneo', baseUrl, credentials, ids: {}, expectPrivacy: level },
    strict,
    maxRequests: 1000,
    ratePerSecond: 0,
    timeoutMs: 10_000,
    seed: 42,
  };
  return runSuite(options, PLANS);
}

/** Every failure and warning, one per line, so a broken mock or check is visible in the assertion. */
const problems = (report: Report) =>
  report.findings
    .filter((f: Finding) => f.outcome === 'fail' || f.outcome === 'warn')
    .map(
      (f) =>
        `${f.outcome} [${f.check}] ${f.endpoint} — ${f.title}: ${f.message ?? ''} ${f.request ?? ''}${(f.details ?? []).map((d) => `\n  ${d}`).join('')}`,
    )
    .join('\n');

const failedChecks = (report: Report) =>
  [...new Set(report.findings.filter((f) => f.outcome === 'fail').map((f) => f.check))].sort();
const finding = (report: Report, title: string) => report.findings.find((f) => f.title === title);

describe('verify --strict against the in-process Enneo mock', () => {
  for (const level of PRIVACY_LEVELS) {
    it(
      `passes with zero failures and zero warnings at privacy level ${level}`,
      async () => {
        const report = await verify(level, { token, cookie: COOKIE });
        expect(report.fatal).toBeUndefined();
        expect(problems(report)).toBe('');
        expect(report.totals.fail + report.totals.warn).toBe(0);
        expect(report.exitCode).toBe(0);
      },
      RUN_TIMEOUT,
    );
  }

  it(
    'runs every Enneo check but filters, within 400 requests, skipping nothing at level none',
    async () => {
      const report = await verify('none', { token });
      const passed = new Set(report.findings.filter((f) => f.outcome === 'pass').map((f) => f.check));
      expect([...passed].sort()).toEqual(CHECKS.filter((c) => c !== 'filters').sort());
      expect(report.totals.skip).toBe(0);
      expect(report.requests).toBeGreaterThan(200);
      expect(report.requests).toBeLessThanOrEqual(400);
      // Every orderByField of the contract in both directions.
      expect(
        report.findings.filter(
          (f) => f.check === 'ordering' && /^rows sort by \w+ (asc|desc)$/.test(f.title),
        ),
      ).toHaveLength(70);
    },
    RUN_TIMEOUT,
  );

  it(
    'at partiallyPseudonymized, a token without reportingPersonalData sees no email and cannot sort by it',
    async () => {
      const report = await verify('partiallyPseudonymized', {
        token: await mintEnneoToken(SECRET, { userId: 3 }),
      });
      expect(problems(report)).toBe('');
      expect(
        finding(report, 'orderByField=email, a column the partiallyPseudonymized level omits, is refused')
          ?.outcome,
      ).toBe('pass');
      expect(
        finding(report, "csv: the partiallyPseudonymized level's columns (omitted absent, kept present)")
          ?.outcome,
      ).toBe('pass');
      expect(report.findings.some((f) => f.title === 'rows sort by email asc')).toBe(false);
    },
    RUN_TIMEOUT,
  );

  it(
    'with a cookie alone (permissions unreadable), email must only look the same in every format',
    async () => {
      const report = await verify('partiallyPseudonymized', { cookie: COOKIE });
      expect(problems(report)).toBe('');
      expect(
        finding(
          report,
          'email (which hangs on a permission the credentials do not show) is present in every format alike',
        )?.outcome,
      ).toBe('pass');
    },
    RUN_TIMEOUT,
  );

  it('stops with exit code 2 and names --token/--cookie when the credentials are refused', async () => {
    const report = await verify('none', { token: 'not-a-valid-token' });
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toBe(
      'the target refused the given credentials (403): check --token / ENNEO_TOKEN or --cookie / ENNEO_COOKIE',
    );
    expect(report.requests).toBe(1);
  });
});

describe('verify notices a server that breaks the Enneo contract', () => {
  it(
    'fails parameters and pagination when limit is ignored',
    async () => {
      mutant = { url: (url) => url.replace(/([?&])limit=[^&]*/, '$1') };
      const report = await verify('none', { token });
      expect(finding(report, 'limit=0 is refused')?.outcome).toBe('fail');
      expect(finding(report, 'limit=1 is accepted with exactly 1 row')?.outcome).toBe('fail');
      expect(failedChecks(report)).toEqual(expect.arrayContaining(['pagination', 'parameters']));
      expect(report.exitCode).toBe(1);
    },
    RUN_TIMEOUT,
  );

  it(
    'fails privacy when pseudonymized rows carry an email',
    async () => {
      mutant = {
        rows: (req, rows) =>
          req.path.startsWith('/export') ? rows.map((r) => ({ ...r, email: 'leak@example.com' })) : rows,
      };
      const report = await verify('pseudonymized', { token });
      expect(
        finding(report, "json: the pseudonymized level's columns (omitted absent, kept present)"),
      ).toMatchObject({
        outcome: 'fail',
        message: 'row 0 carries email, which the level omits',
      });
      expect(failedChecks(report)).toContain('privacy');
    },
    RUN_TIMEOUT,
  );

  it(
    'fails ordering when ascending pages come back reversed',
    async () => {
      mutant = { rows: (req, rows) => (req.query.orderByDirection === 'asc' ? [...rows].reverse() : rows) };
      const report = await verify('none', { token }, false);
      // Not strict: a plain misorder is documented behaviour, so it fails even against a real vendor.
      expect(finding(report, 'rows sort by userWorklogId asc')?.outcome).toBe('fail');
      expect(finding(report, 'rows sort by date asc')?.outcome).toBe('fail');
      expect(finding(report, 'rows sort by date desc')?.outcome).toBe('pass');
      expect(failedChecks(report)).toContain('ordering');
    },
    RUN_TIMEOUT,
  );

  it(
    'fails consistency when a ticket worklog duration is off by one second',
    async () => {
      mutant = {
        rows: (req, rows) =>
          req.path.startsWith('/ticket')
            ? rows.map((e) => ({
                ...e,
                time: {
                  ...(e.time as object),
                  duration: ((e.time as { duration: number }).duration ?? 0) + 1,
                },
              }))
            : rows,
      };
      const report = await verify('none', { token });
      const agree = report.findings.find(
        (f) =>
          f.check === 'consistency' &&
          f.title.endsWith("export rows agree with their ticket's worklog entry"),
      );
      expect(agree?.outcome).toBe('fail');
      expect(agree?.details?.[0]).toMatch(/^userWorklogId \d+: time\.duration = duration: \d+ vs \d+$/);
      expect(finding(report, 'time.segments add up to time.duration')?.outcome).toBe('fail');
    },
    RUN_TIMEOUT,
  );
});
