/** The pure parts of the shared state: fault draws by index, the URL rule, the world fingerprint. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/registry.ts';
import { stateFingerprint } from '../../src/core/state/fingerprint.ts';
import { drawAt } from '../../src/core/state/shared-faults.ts';
import { shownStateUrl, stateUrlProblem } from '../../src/core/state/state-url.ts';
import { resolveCredentials } from '../../src/http/dev-credentials.ts';
import { seededRandom } from '../../src/http/fault-rules.ts';
import { sharedWorld } from '../support/worlds.ts';

describe('drawAt', () => {
  it('is the nth draw of the rule generator, for any seed, near the start and far along', () => {
    for (const seed of [0, 1, 1234, 0xffff_ffff]) {
      const random = seededRandom(seed);
      for (let n = 0; n < 500; n += 1) expect(drawAt(seed, n)).toBe(random());
    }
    const far = seededRandom(99);
    let last = 0;
    for (let n = 0; n <= 70_000; n += 1) last = far();
    expect(drawAt(99, 70_000)).toBe(last);
  });
});

describe('the --state URL', () => {
  it('takes redis:// and rediss:// with an optional database, and refuses anything else with the rule', () => {
    expect(stateUrlProblem('redis://127.0.0.1:6379')).toBeNull();
    expect(stateUrlProblem('rediss://user:pw@redis.example:6380/2')).toBeNull();
    expect(stateUrlProblem('http://127.0.0.1:6379')).toBe(
      'must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    expect(stateUrlProblem('redis://host:6379/db/1')).toBe(
      'may end only in a database number (redis://host:port/1)',
    );
    expect(stateUrlProblem('localhost:6379')).not.toBeNull();
  });

  it('never shows a password', () => {
    expect(shownStateUrl('redis://:s3cret@redis:6379/1')).toBe('redis://:***@redis:6379/1');
    expect(shownStateUrl('redis://redis:6379')).toBe('redis://redis:6379');
  });
});

describe('stateFingerprint', () => {
  const DEV = resolveCredentials({});
  const size = { agents: 3, days: 10, tickets: 10 };
  it('names the seed, anchor and size, and differs when any of them, the start settings or the credentials differ', () => {
    const world = sharedWorld({ size });
    const print = stateFingerprint(world, DEFAULT_SETTINGS, DEV);
    expect(print).toMatch(/^seed=42 anchor=2025-09-30 agents=3 days=10 tickets=10 /);
    expect(stateFingerprint(sharedWorld({ size }), DEFAULT_SETTINGS, DEV)).toBe(print);
    expect(stateFingerprint(sharedWorld({ size, seed: 7 }), DEFAULT_SETTINGS, DEV)).not.toBe(print);
    expect(stateFingerprint(sharedWorld({ size, anchor: '2025-01-31' }), DEFAULT_SETTINGS, DEV)).not.toBe(
      print,
    );
    const other: Settings = {
      ...DEFAULT_SETTINGS,
      enneo: { ...DEFAULT_SETTINGS.enneo, reportingPrivacyLevel: 'pseudonymized' },
    };
    expect(stateFingerprint(world, other, DEV)).not.toBe(print);
    const key = resolveCredentials({ voipcube: { key: 'another-key' } });
    expect(stateFingerprint(world, DEFAULT_SETTINGS, key)).not.toBe(print);
    // Named by a digest only: no credential appears in the line.
    expect(print).toMatch(/ credentials=sha256:[0-9a-f]{12}$/);
    expect(print).not.toContain(DEV.voipcube.key);
  });
});
