/**
 * Fault rule paths are globs matched against every vendor request. Matched as a regular
 * expression (`^.*a.*a.*b$`), one rule stalled the server exponentially on a long path of `a`s;
 * the matcher must agree with the glob's meaning and stay fast on any path.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globMatch } from '../../src/http/fault-rules.ts';
import { fuzzRuns } from '../support/depth.ts';
import { createClient, type Running, seedFor, startServer } from './helpers.ts';

/** The meaning of a glob, as the anchored regular expression it used to be. */
const reference = (glob: string, path: string) =>
  new RegExp(
    `^${glob
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  ).test(path);

describe('globMatch', () => {
  it('agrees with the anchored regular expression of the glob', () => {
    const text = (chars: string[], maxLength: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', '/', '*', '.'], 10), text(['a', 'b', '/', '.'], 14), (glob, path) => {
        expect(globMatch(glob, path)).toBe(reference(glob, path));
      }),
      { seed: seedFor('globMatch vs RegExp', 7_001), numRuns: fuzzRuns({ quick: 5_000, deep: 100_000 }) },
    );
  });

  it.each([
    ['/enneo/*', '/enneo/api/mind/export/reporting_worklog', true],
    ['*/worklog', '/enneo/api/mind/ticket/1/worklog', true],
    ['/voipcube/stats/user-statuses', '/voipcube/stats/user-statuses', true],
    ['/voipcube/stats/user-statuses', '/voipcube/stats/user-statuses/', false],
    ['/a.c', '/abc', false],
    ['*', '', true],
    ['', '', true],
    ['/*a*a*b', '/aaaa', false],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(globMatch(glob, path)).toBe(expected);
  });
});

describe('a rule with many stars against a long path', () => {
  let running: Running;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    running = await startServer();
    client = createClient(running.port);
  });
  afterAll(async () => {
    client?.close();
    await running?.close();
  });

  it('is matched in milliseconds: the server keeps answering', async () => {
    const rule = { path: `/${'*a'.repeat(25)}*b`, probability: 1, code: 503 };
    const posted = await client.send({
      method: 'POST',
      path: '/__standin/faults',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
    expect(posted.status).toBe(201);

    const started = performance.now();
    const res = await client.send(
      { method: 'GET', path: `/enneo/api/mind/ticket/${'a'.repeat(4000)}/worklog` },
      5_000,
    );
    // The glob does not match (no `b`), so the request reaches Enneo: a 403 for the missing token.
    expect(res.status).toBe(403);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
