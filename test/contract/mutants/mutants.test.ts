/**
 * The one mutant harness: every mutant is run in-process with only the checks that can see it and
 * must be failed by the right check; the clean standin passes every check of every vendor in one
 * full run each, and the checks that depend on the privacy level at every level.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import {
  CHECKS,
  type CheckName,
  type PrivacyExpectation,
  type Target,
} from '../../../src/contract/suite/types.ts';
import { createFetchHandler } from '../../../src/fetch.ts';
import { generateWorld } from '../../../src/world/index.ts';
import { enneoMutants } from './enneo.mutants.ts';
import {
  BASE_PATHS,
  failedChecks,
  IN_PROCESS,
  type Mutant,
  problems,
  type Upstream,
  verifyThrough,
} from './harness.ts';
import { AUTOZOD_MUTANTS, VOIPCUBE_MUTANTS } from './voipcube-autozod.mutants.ts';

const secret = DEFAULT_CREDENTIALS.enneo.jwtSecret;
const COOKIE = `connect.sid=${DEFAULT_CREDENTIALS.enneo.sessionId}`;
const world = generateWorld();
/** One in-process standin (its fetch handler) per privacy level: no server, no port. */
const upstreams = new Map<PrivacyExpectation, Upstream>();
let enneoToken = '';
let plainToken = '';
/** `vendor: check` of every mutant a run actually failed with its check. */
const killed = new Set<string>();
const killedMutants: string[] = [];

beforeAll(async () => {
  enneoToken = await defaultEnneoToken(secret);
  plainToken = await mintEnneoToken(secret, { permissions: [] });
  for (const level of ['none', 'partiallyPseudonymized', 'pseudonymized'] as const) {
    const handle = createFetchHandler({ world, settings: { enneo: { reportingPrivacyLevel: level } } });
    upstreams.set(level, (request) => handle(request));
  }
});

function targetFor(mutant: Pick<Mutant, 'vendor' | 'target'>, credentials?: Target['credentials']): Target {
  const level = mutant.target?.expectPrivacy;
  const given =
    credentials ??
    (mutant.vendor === 'voipcube'
      ? { key: DEFAULT_CREDENTIALS.voipcube.key }
      : mutant.vendor === 'autozod'
        ? { token: DEFAULT_CREDENTIALS.autozod.token }
        : // Without reportingPersonalData, partiallyPseudonymized hides email: the leak is visible.
          { token: level === 'partiallyPseudonymized' ? plainToken : enneoToken });
  return {
    vendor: mutant.vendor,
    baseUrl: IN_PROCESS + BASE_PATHS[mutant.vendor],
    credentials: given,
    ids: {},
    ...mutant.target,
  };
}

const MUTANTS: Mutant[] = [...VOIPCUBE_MUTANTS, ...AUTOZOD_MUTANTS, ...enneoMutants('pending')];
const none: Mutant = { name: 'none', vendor: 'voipcube', check: 'schema' };

describe('verify kills every mutant with the right check, running only the checks that can see it', () => {
  for (const template of MUTANTS) {
    it(`${template.vendor}: ${template.name} → ${template.check} fails`, async () => {
      // The alg:none mutant needs the real token, known only after beforeAll.
      const mutant =
        template.vendor === 'enneo'
          ? enneoMutants(enneoToken).find((m) => m.name === template.name)!
          : template;
      const checks = mutant.checks ?? [mutant.check];
      const upstream = upstreams.get(mutant.target?.expectPrivacy ?? 'none')!;
      const report = await verifyThrough(upstream, mutant, targetFor(mutant), checks, !mutant.lenient);
      const failed = failedChecks(report);
      expect(report.exitCode, report.fatal ?? '').toBe(1);
      expect(failed, `failing checks: ${failed.join(', ') || 'none'}`).toContain(mutant.check);
      // Only the checks asked for were reported.
      expect([...new Set(report.findings.map((f) => f.check))].filter((c) => !checks.includes(c))).toEqual(
        [],
      );
      const outcome = (title: string) => report.findings.find((f) => f.title === title)?.outcome;
      for (const title of mutant.failing ?? []) expect(outcome(title), title).toBe('fail');
      for (const title of mutant.passing ?? []) expect(outcome(title), title).toBe('pass');
      killed.add(`${mutant.vendor}: ${mutant.check}`);
      killedMutants.push(mutant.name);
    });
  }

  it('the mutants that were killed cover every check, in at least 20 vendor × check pairs', () => {
    expect(killedMutants).toHaveLength(MUTANTS.length);
    expect(killed.size).toBeGreaterThanOrEqual(20);
    const checks = new Set([...killed].map((k) => k.split(': ')[1] as CheckName));
    expect([...checks].sort()).toEqual([...CHECKS].sort());
  });
});

describe('the clean standin passes', () => {
  for (const vendor of ['voipcube', 'autozod', 'enneo'] as const) {
    it(`every ${vendor} check, in one full strict run`, async () => {
      const credentials = vendor === 'enneo' ? { token: enneoToken, cookie: COOKIE } : undefined;
      const report = await verifyThrough(
        upstreams.get('none')!,
        none,
        targetFor({ vendor }, credentials),
        [],
      );
      expect(problems(report)).toBe('');
      expect(report.totals.skip).toBe(0);
      expect(report.exitCode).toBe(0);
      const checked = new Set(report.findings.map((f) => f.check));
      const expected = {
        voipcube: CHECKS.filter((c) => !['privacy', 'formats', 'consistency'].includes(c)),
        autozod: CHECKS.filter((c) => !['privacy', 'formats', 'pagination', 'ordering'].includes(c)),
        enneo: CHECKS.filter((c) => c !== 'filters'),
      }[vendor];
      expect([...checked].sort()).toEqual([...expected].sort());
    });
  }

  it('Enneo: every orderByField of the contract both ways, within 400 requests', async () => {
    const report = await verifyThrough(upstreams.get('none')!, none, targetFor({ vendor: 'enneo' }), []);
    expect(report.requests).toBeGreaterThan(200);
    expect(report.requests).toBeLessThanOrEqual(400);
    expect(report.findings.filter((f) => /^rows sort by \w+ (asc|desc)$/.test(f.title))).toHaveLength(70);
  });

  const LEVEL_CHECKS: CheckName[] = ['schema', 'status', 'ordering', 'privacy', 'formats', 'consistency'];
  for (const level of ['partiallyPseudonymized', 'pseudonymized'] as const) {
    it(`Enneo at ${level}: the checks that depend on the level`, async () => {
      const target = targetFor(
        { vendor: 'enneo', target: { expectPrivacy: level } },
        { token: enneoToken, cookie: COOKIE },
      );
      const report = await verifyThrough(upstreams.get(level)!, none, target, LEVEL_CHECKS);
      expect(problems(report)).toBe('');
      expect(report.exitCode).toBe(0);
    });
  }

  it('Enneo at partiallyPseudonymized: a token without reportingPersonalData sees no email and cannot sort by it', async () => {
    const target = targetFor(
      { vendor: 'enneo', target: { expectPrivacy: 'partiallyPseudonymized' } },
      { token: await mintEnneoToken(secret, { userId: 3 }) },
    );
    const report = await verifyThrough(upstreams.get('partiallyPseudonymized')!, none, target, [
      'ordering',
      'privacy',
    ]);
    expect(problems(report)).toBe('');
    const outcome = (title: string) => report.findings.find((f) => f.title === title)?.outcome;
    expect(outcome('orderByField=email, a column the partiallyPseudonymized level omits, is refused')).toBe(
      'pass',
    );
    expect(outcome("csv: the partiallyPseudonymized level's columns (omitted absent, kept present)")).toBe(
      'pass',
    );
    expect(report.findings.some((f) => f.title === 'rows sort by email asc')).toBe(false);
  });

  it('Enneo with a cookie alone (permissions unreadable): email only has to look the same in every format', async () => {
    const target = targetFor(
      { vendor: 'enneo', target: { expectPrivacy: 'partiallyPseudonymized' } },
      { cookie: COOKIE },
    );
    const report = await verifyThrough(upstreams.get('partiallyPseudonymized')!, none, target, ['privacy']);
    expect(problems(report)).toBe('');
    expect(
      report.findings.find(
        (f) =>
          f.title ===
          'email (which hangs on a permission the credentials do not show) is present in every format alike',
      )?.outcome,
    ).toBe('pass');
  });

  it('Enneo: refused credentials stop the run at its first request with exit 2, naming the flags', async () => {
    const report = await verifyThrough(
      upstreams.get('none')!,
      none,
      targetFor({ vendor: 'enneo' }, { token: 'not-a-valid-token' }),
      [],
    );
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toBe(
      'the target refused the given credentials (403): check --token / ENNEO_TOKEN or --cookie / ENNEO_COOKIE',
    );
    expect(report.requests).toBe(1);
  });
});
