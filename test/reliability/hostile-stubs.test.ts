/**
 * Hostile input on the stub and scenario controls (issue 18): generated requests never answer
 * 5xx or drop, every 4xx names its problem, a refused change leaves stubs and scenarios as they
 * were, an accepted stub is listed as answered, and vendor requests after any accepted stub still
 * answer without a 5xx. Catastrophic regexes are refused before they can run.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../support/depth.ts';
import { extraHeaders, type HostileReq, hostileText, jsonBody, PROTO_KEYS } from './generators.ts';
import {
  createClient,
  DEV,
  errorMessage,
  prototypeKeys,
  type Running,
  seedFor,
  startServer,
} from './helpers.ts';

const RUNS = fuzzRuns({ quick: 250, deep: 2000 });
const protoBefore = prototypeKeys();
const USER = '1b4e28ba-2ca1-4a5e-9b1c-2f1d3c4b5a69';

let running: Running;
let client: ReturnType<typeof createClient>;
const EMPTY = JSON.stringify({ stubs: { stubs: [] }, scenarios: { scenarios: [] } });

beforeAll(async () => {
  running = await startServer();
  client = createClient(running.port);
});
afterAll(async () => {
  client?.close();
  await running?.close();
});

async function state(): Promise<string> {
  const get = async (path: string) =>
    JSON.parse((await client.send({ method: 'GET', path })).body.toString());
  return JSON.stringify({
    stubs: await get('/__standin/stubs'),
    scenarios: await get('/__standin/scenarios'),
  });
}

/** Patterns that backtrack catastrophically (or nearly) in a backtracking engine. */
const EVIL_PATTERNS = [
  '(a+)+$',
  '(a|a)*$',
  '(a*)*b',
  '(\\w+\\s?)*$',
  '(.*a){20}',
  '(a|aa)+',
  '([a-z]+)*=',
  'a*a*a*a*b',
  '(x+x+)+y',
  '(a)\\1',
  '(?=a)a',
  '(?<!b)a',
  `${'a?'.repeat(40)}${'a'.repeat(40)}`,
  'a'.repeat(300),
  '[',
];

const condition = fc.oneof(
  fc.constantFrom('2025-09-01', '', 'x'.repeat(2000)),
  hostileText,
  fc.constantFrom(...EVIL_PATTERNS, '\\d+', '2025-09-0[1-9]', '.*', '[^&]*').map((matches) => ({ matches })),
  fc.constantFrom({ matches: 1 }, { exact: 'a' }, { matches: 'a', extra: 1 }, null, [], 7),
);

/** Stubs that are accepted, so that the generators reach matching and vendor requests. */
const validStub = fc
  .record({
    vendor: fc.constantFrom('voipcube', 'autozod'),
    path: fc.constantFrom('/stats/user-statuses', '/api/sessionLogs/list', '/*'),
    query: fc.dictionary(
      fc.constantFrom('from', 'team_id', ...PROTO_KEYS),
      fc.constantFrom('2025-09-01', { matches: '\\d+' }, { matches: '2025-09-0[1-9]' }, { matches: '[^&]*' }),
      { maxKeys: 2 },
    ),
    headers: fc.dictionary(
      fc.constantFrom('x-page', ...PROTO_KEYS),
      fc.constantFrom('3', { matches: '\\d{1,3}' }),
      {
        maxKeys: 1,
      },
    ),
    response: fc.record({
      status: fc.constantFrom(200, 204, 429, 503),
      headers: fc.constant({ 'x-a': 'b' }),
    }),
    times: fc.integer({ min: 1, max: 3 }),
    scenario: fc.constantFrom('s', '__proto__', 'constructor'),
    newState: fc.constantFrom('next', 'Started'),
  })
  .map((b) => JSON.stringify(b));

const stubBody = fc.oneof(
  { weight: 3, arbitrary: validStub },
  fc
    .record(
      {
        vendor: fc.constantFrom('enneo', 'voipcube', 'autozod', 'other', '', null),
        method: fc.constantFrom('GET', 'get', 'POST', 'G E T', '', 1),
        path: fc.constantFrom(
          '/stats/user-statuses',
          '/api/sessionLogs/list',
          '/export/*',
          '/voipcube/stats/user-statuses',
          '/autozod/api/sessionLogs/list',
          '/__standin/health',
          'stats',
          '/a?b=1',
          `/${'*a'.repeat(500)}`,
          '',
        ),
        query: fc.dictionary(fc.constantFrom('from', 'to', 'userId', ...PROTO_KEYS), condition, {
          maxKeys: 3,
        }),
        headers: fc.dictionary(fc.constantFrom('x-page', 'Key', ...PROTO_KEYS), condition, { maxKeys: 2 }),
        response: fc.oneof(
          fc.record(
            {
              status: fc.oneof(fc.integer({ min: 100, max: 700 }), fc.constantFrom(200, 503, '200', 204.5)),
              headers: fc.oneof(
                fc.constant({ 'x-a': 'b' }),
                fc.constantFrom(
                  { 'content-length': '5' },
                  { 'bad name': 'x' },
                  { 'x-a': 'line\nbreak' },
                  { 'x-a': 1 },
                ),
              ),
              body: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string()),
              bodyBase64: fc.constantFrom('AAEC/w==', 'not base64', ''),
            },
            { requiredKeys: ['status'] },
          ),
          fc.constantFrom(null, 'x', [], {}),
        ),
        times: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom(1.5, '2', 2 ** 40)),
        priority: fc.oneof(fc.integer({ min: -1, max: 1001 }), fc.constantFrom('1', 2.5)),
        scenario: fc.constantFrom('s', '__proto__', 'constructor', '', 'x'.repeat(300), 5),
        requiredState: fc.constantFrom('Started', 'next', '', null),
        newState: fc.constantFrom('next', 'Started', '', 3),
      },
      { requiredKeys: ['vendor', 'path', 'response'] },
    )
    .map((b) => JSON.stringify(b)),
  fc
    .record(
      {
        vendor: fc.constantFrom('voipcube', 'autozod', 'enneo'),
        dataset: fc.constantFrom('userStatuses', 'sessions', 'exportRows', 'ticketWorklogs', '__proto__', ''),
        rows: fc.oneof(
          fc.constant([{ status: 'New', userId: USER, time: '2025-09-01T10:00:00.000Z' }]),
          fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
          fc.constantFrom({}, null, 'rows'),
        ),
      },
      { requiredKeys: ['vendor', 'dataset'] },
    )
    .map((b) => JSON.stringify(b)),
  fc
    .constantFrom(...PROTO_KEYS)
    .map((k) => `{"vendor":"voipcube","path":"/x","response":{"status":200},"${k}":{"polluted":true}}`),
  jsonBody,
);

const controlRequest: fc.Arbitrary<HostileReq> = fc
  .record({
    target: fc.oneof(
      { weight: 6, arbitrary: fc.constant({ method: 'POST', path: '/__standin/stubs' }) },
      fc.constantFrom(
        { method: 'GET', path: '/__standin/stubs' },
        { method: 'DELETE', path: '/__standin/stubs/stub-1' },
        { method: 'DELETE', path: '/__standin/stubs/%E0%A4%A' },
        { method: 'DELETE', path: '/__standin/stubs/__proto__' },
        { method: 'PATCH', path: '/__standin/stubs' },
        { method: 'GET', path: '/__standin/scenarios' },
        { method: 'PUT', path: '/__standin/scenarios/s' },
        { method: 'PUT', path: '/__standin/scenarios/__proto__' },
        { method: 'PUT', path: '/__standin/scenarios/%ZZ' },
        { method: 'POST', path: '/__standin/scenarios/reset' },
      ),
    ),
    body: stubBody,
    // Mostly JSON, so that most bodies reach the stub checks; sometimes what the controls refuse.
    contentType: fc
      .integer({ min: 0, max: 9 })
      .map((i) =>
        i === 0 ? 'text/plain' : i === 1 ? 'application/json; charset=latin1' : 'application/json',
      ),
    extra: extraHeaders,
  })
  .map((r) => ({
    method: r.target.method,
    path: r.target.path,
    headers: { ...r.extra, 'content-type': r.contentType },
    body: r.target.method === 'PUT' && r.body.startsWith('{"vendor') ? '{"state":"next"}' : r.body,
  }));

describe('the stub and scenario controls under hostile input', () => {
  it(`never answer 5xx or drop; a 4xx names its problem and changes nothing (${RUNS} requests)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(controlRequest, async (req) => {
        const before = await state();
        const res = await client.send(req);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.dropped) throw new Error(`connection dropped: ${res.dropped}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(errorMessage(res.body), res.body.toString().slice(0, 200)).toBeDefined();
          expect(await state(), 'a refused change changes nothing').toBe(before);
          return;
        }
        if (req.method === 'POST' && res.status === 201) {
          const listed = JSON.parse(
            (await client.send({ method: 'GET', path: '/__standin/stubs' })).body.toString(),
          );
          expect(listed.stubs).toContainEqual(JSON.parse(res.body.toString()));
          // Whatever was accepted, vendor requests still answer without a 5xx.
          for (const path of [
            '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02',
            `/voipcube/stats/user-statuses?from=${'a'.repeat(1500)}&to=2025-09-02`,
            '/autozod/api/sessionLogs/list?team_id=1&start_date=01-09-2025&end_date=01-09-2025',
          ]) {
            const vendor = await client.send({
              method: 'GET',
              path,
              headers: { key: DEV.voipcube.key, authorization: `Bearer ${DEV.autozod.token}`, 'x-page': '3' },
            });
            expect(vendor.dropped).toBeUndefined();
            // A 5xx only when a stub says so.
            if (vendor.status >= 500) expect(vendor.headers['standin-stubbed']).toBeDefined();
          }
        }
        await client.send({ method: 'DELETE', path: '/__standin/stubs' });
      }),
      { seed: seedFor('hostile stubs', 9_400), numRuns: RUNS },
    );
    const sorted = Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]));
    process.stdout.write(`[reliability] stubs: statuses ${JSON.stringify(sorted)}\n`);
    expect(statuses.get(201) ?? 0, 'some stubs are accepted').toBeGreaterThan(RUNS / 50);
    expect(running.internalErrors).toEqual([]);
    expect(await state()).toBe(EMPTY);
  });

  it.each(EVIL_PATTERNS)('refuses the pattern %s, naming the query field', async (matches) => {
    await client.send({ method: 'DELETE', path: '/__standin/stubs' });
    const res = await client.send({
      method: 'POST',
      path: '/__standin/stubs',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        vendor: 'voipcube',
        path: '/x',
        query: { q: { matches } },
        response: { status: 200 },
      }),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'INVALID_PARAMETER', field: 'query.q' });
    expect(await state()).toBe(EMPTY);
  });

  it('no prototype gained a key', () => {
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
