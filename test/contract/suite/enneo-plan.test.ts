import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enneoVendor, mintEnneoToken } from '../../../mocks/enneo/index.ts';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import {
  createSettingsStore,
  DEFAULT_SETTINGS,
  PRIVACY_LEVELS,
  type PrivacyLevel,
  type SettingsStore,
} from '../../../src/config/settings.ts';
import { runSuite } from '../../../src/contract/suite/runner.ts';
import type { Finding, Report, SuiteOptions, Target } from '../../../src/contract/suite/types.ts';
import { autozodPlan } from '../../../src/contract/suite/vendors/autozod.ts';
import { enneoPlan } from '../../../src/contract/suite/vendors/enneo.ts';
import { voipcubePlan } from '../../../src/contract/suite/vendors/voipcube.ts';
import { generateWorld } from '../../../src/world/index.ts';

const PLANS = { enneo: enneoPlan, voipcube: voipcubePlan, autozod: autozodPlan };
const SECRET = DEFAULT_CREDENTIALS.enneo.jwtSecret;
const COOKIE = `connect.sid=${DEFAULT_CREDENTIALS.enneo.sessionId}`;

let server: Server;
let baseUrl: string;
let settings: SettingsStore;
let token: string;

beforeAll(async () => {
  settings = createSettingsStore();
  const app = express();
  const world = generateWorld();
  app.use(
    enneoVendor.basePath,
    enneoVendor.createRouter({ world, settings, credentials: DEFAULT_CREDENTIALS, clock: () => Date.now() }),
  );
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${enneoVendor.basePath}`;
  token = await defaultEnneoToken(SECRET);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function options(
  level: PrivacyLevel,
  credentials: Target['credentials'],
  extra: Partial<Target> = {},
): SuiteOptions {
  settings.set({ ...DEFAULT_SETTINGS, enneo: { ...DEFAULT_SETTINGS.enneo, reportingPrivacyLevel: level } });
  return {
    target: { vendor: 'enneo', baseUrl, credentials, ids: {}, expectPrivacy: level, ...extra },
    strict: true,
    maxRequests: 1000,
    ratePerSecond: 0,
    timeoutMs: 10_000,
    seed: 42,
  };
}

/** Every finding that is not a pass or a skip, one per line, so a broken mock or check is visible. */
const problems = (report: Report) =>
  report.findings
    .filter((f: Finding) => f.outcome === 'fail' || f.outcome === 'warn')
    .map(
      (f) =>
        `${f.outcome} [${f.check}] ${f.endpoint} — ${f.title}: ${f.message ?? ''} ${f.request ?? ''}\n  ${(f.details ?? []).join('\n  ')}`,
    )
    .join('\n');

describe('verify --strict against the in-process Enneo mock', () => {
  for (const level of PRIVACY_LEVELS) {
    it(`passes with zero failures and zero warnings at privacy level ${level}`, async () => {
      const report = await runSuite(options(level, { token, cookie: COOKIE }), PLANS);
      expect(report.fatal).toBeUndefined();
      expect(problems(report)).toBe('');
      expect(report.totals.fail + report.totals.warn).toBe(0);
      expect(report.exitCode).toBe(0);
    }, 120_000);
  }
});
