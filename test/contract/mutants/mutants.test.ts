import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import { createApp } from '../../../src/app.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import type { PrivacyExpectation, Target } from '../../../src/contract/suite/types.ts';
import { generateWorld } from '../../../src/world/index.ts';
import { enneoMutants } from './enneo.mutants.ts';
import {
  BASE_PATHS,
  close,
  failedChecks,
  type Mutant,
  mutantServer,
  serveApp,
  verifyStrict,
} from './harness.ts';
import { AUTOZOD_MUTANTS, VOIPCUBE_MUTANTS } from './voipcube-autozod.mutants.ts';

const secret = DEFAULT_CREDENTIALS.enneo.jwtSecret;
const world = generateWorld();
const upstreams = new Map<PrivacyExpectation, string>();
const servers: Awaited<ReturnType<typeof serveApp>>[] = [];
let enneoToken = '';
let plainToken = '';
const killed: string[] = [];
const survived: string[] = [];

beforeAll(async () => {
  enneoToken = await defaultEnneoToken(secret);
  plainToken = await mintEnneoToken(secret, { permissions: [] });
  for (const level of ['none', 'partiallyPseudonymized', 'pseudonymized'] as const) {
    const s = await serveApp(createApp({ world, settings: { enneo: { reportingPrivacyLevel: level } } }));
    servers.push(s);
    upstreams.set(level, s.url);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => close(s.server)));
  const total = killed.length + survived.length;
  // The mutation score, in the test output as the issue asks.
  console.log(
    `mutation score: ${killed.length}/${total} mutants killed${survived.length ? `; survived: ${survived.join('; ')}` : ''}`,
  );
});

function targetFor(mutant: Mutant, baseUrl: string): Target {
  const level = mutant.target?.expectPrivacy;
  const credentials =
    mutant.vendor === 'voipcube'
      ? { key: DEFAULT_CREDENTIALS.voipcube.key }
      : mutant.vendor === 'autozod'
        ? { token: DEFAULT_CREDENTIALS.autozod.token }
        : // Without reportingPersonalData, partiallyPseudonymized hides email: the leak is visible.
          { token: level === 'partiallyPseudonymized' ? plainToken : enneoToken };
  return { vendor: mutant.vendor, baseUrl, credentials, ids: {}, ...mutant.target };
}

const MUTANTS: Mutant[] = [...VOIPCUBE_MUTANTS, ...AUTOZOD_MUTANTS, ...enneoMutants('pending')];

describe('verify --strict kills every mutant with the right check', () => {
  it('has at least 20 mutants', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(20);
  });

  for (const template of MUTANTS) {
    it(`${template.vendor}: ${template.name} → ${template.check} fails`, async () => {
      // The alg:none mutant needs the real token, known only after beforeAll.
      const mutant =
        template.vendor === 'enneo'
          ? enneoMutants(enneoToken).find((m) => m.name === template.name)!
          : template;
      const upstream = upstreams.get(mutant.target?.expectPrivacy ?? 'none')!;
      const proxy = await mutantServer(upstream, mutant);
      try {
        const report = await verifyStrict(targetFor(mutant, proxy.url + BASE_PATHS[mutant.vendor]));
        const failed = failedChecks(report);
        (failed.includes(mutant.check) ? killed : survived).push(`${mutant.vendor}: ${mutant.name}`);
        expect(report.exitCode, report.fatal ?? '').toBe(1);
        expect(failed, `failing checks: ${failed.join(', ') || 'none'}`).toContain(mutant.check);
      } finally {
        await close(proxy.server);
      }
    });
  }

  it('the unmutated standin passes for every vendor and privacy level', async () => {
    for (const vendor of ['voipcube', 'autozod', 'enneo'] as const) {
      const levels =
        vendor === 'enneo'
          ? (['none', 'partiallyPseudonymized', 'pseudonymized'] as const)
          : (['none'] as const);
      for (const level of levels) {
        const mutant: Mutant = { name: 'none', vendor, check: 'schema', target: { expectPrivacy: level } };
        const proxy = await mutantServer(upstreams.get(level)!, mutant);
        try {
          const report = await verifyStrict(targetFor(mutant, proxy.url + BASE_PATHS[vendor]));
          const bad = report.findings.filter((f) => f.outcome === 'fail' || f.outcome === 'warn');
          expect(bad, JSON.stringify(bad.slice(0, 5), null, 1)).toEqual([]);
          expect(report.exitCode).toBe(0);
        } finally {
          await close(proxy.server);
        }
      }
    }
  });
});
