/**
 * Hostile input on every mock control under /__standin/ (issue 9): generated requests of every
 * method, query, content type and body never answer 5xx, never drop or hang, name the problem in
 * every 4xx, and a refused request changes nothing — settings, fault rules and journal stay as
 * they were. An accepted change is checked and undone through the documented controls.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../support/depth.ts';
import {
  body as anyBody,
  contentType,
  extraHeaders,
  type HostileReq,
  jsonBody,
  PROTO_KEYS,
  queryString,
} from './generators.ts';
import { createClient, errorMessage, prototypeKeys, type Running, seedFor, startServer } from './helpers.ts';

/** Requests per control: STANDIN_DEEP=1 or STANDIN_FUZZ_RUNS raise it for a longer hunt. */
const RUNS = fuzzRuns({ quick: 300, deep: 2000 });
const ADMIN_TOKEN = 'reliability-admin-token-7f3a91';

const protoBefore = prototypeKeys();

/** A server under test, with the headers its controls need and the state it started with. */
interface Subject {
  running: Running;
  client: ReturnType<typeof createClient>;
  /** Headers that get through the admin guard (none on loopback without a token). */
  admin: Record<string, string>;
  baseline: string;
}

/** A journal entry (a refused vendor request is journaled too), so that a clear is visible. */
async function seedJournal(s: Subject): Promise<void> {
  await s.client.send({ method: 'GET', path: '/voipcube/stats/user-statuses' });
}

/** What the controls show; a refused request must leave it as it was. */
async function state(s: Subject): Promise<string> {
  const get = async (path: string) =>
    (await s.client.send({ method: 'GET', path, headers: s.admin })).body.toString();
  const journal = JSON.parse(await get('/__standin/requests')) as {
    requests: { id: number; path: string; status: number }[];
  };
  return JSON.stringify({
    settings: await get('/__standin/settings'),
    faults: await get('/__standin/faults'),
    journal: journal.requests.map((r) => [r.id, r.path, r.status]),
  });
}

async function subject(adminToken?: string): Promise<Subject> {
  const running = await startServer(adminToken ? { adminToken } : {});
  const s: Subject = {
    running,
    client: createClient(running.port),
    admin: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
    baseline: '',
  };
  await seedJournal(s);
  s.baseline = await state(s);
  return s;
}

let loopback: Subject;
let guarded: Subject;

beforeAll(async () => {
  loopback = await subject();
  guarded = await subject(ADMIN_TOKEN);
});
afterAll(async () => {
  for (const s of [loopback, guarded]) {
    s?.client.close();
    await s?.running.close();
  }
});

/** Settings patches: valid ones, near misses, prototype keys, wrong types. */
const settingsBody = fc.oneof(
  fc
    .record(
      {
        reportingPrivacyLevel: fc.constantFrom(
          'none',
          'partiallyPseudonymized',
          'pseudonymized',
          'NONE',
          '',
          'secret',
        ),
        defaultDateExportFormat: fc.constantFrom('json', 'csv', 'xlsx', 'pdf', 'JSON'),
      },
      { requiredKeys: [] },
    )
    .map((enneo) => JSON.stringify({ enneo })),
  fc
    .tuple(
      fc.constantFrom('enneo', 'voipcube', ...PROTO_KEYS),
      fc.constantFrom('reportingPrivacyLevel', ...PROTO_KEYS),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([group, key, value]) => `{"${group}":{"${key}":${JSON.stringify(value)}}}`),
  jsonBody,
);

/** Fault rules: valid ones (that would fire), near misses, unknown and prototype keys. */
const ruleBody = fc.oneof(
  fc
    .record(
      {
        vendor: fc.constantFrom('enneo', 'voipcube', 'autozod'),
        path: fc.constantFrom('/enneo/*', '/*', '/autozod/api/*', '/api/sessionLogs/list', '/voipcube'),
        probability: fc.double({ min: 0, max: 1, noNaN: true }),
        code: fc.integer({ min: 400, max: 599 }),
        seed: fc.nat(),
      },
      { requiredKeys: ['probability', 'code'] },
    )
    .map((r) => JSON.stringify(r)),
  fc
    .record({
      probability: fc.constantFrom(0, 1),
      code: fc.constantFrom(429, 503),
      retryAfter: fc.constantFrom(0, 2, 86_400),
    })
    .map((r) => JSON.stringify(r)),
  fc
    .record(
      {
        vendor: fc.constantFrom('enneo', 'voipcube', 'autozod', 'other', null, 1),
        path: fc.constantFrom('/enneo/*', '/*', '*', 'no-slash', '/'.repeat(3000), null, 7),
        probability: fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, 1, 0.5, -1, 2, '0.5')),
        code: fc.oneof(fc.integer({ min: 100, max: 700 }), fc.constantFrom(503, '503', 503.5)),
        delayMs: fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.constantFrom(1, 1.5, '10')),
        reset: fc.constantFrom(true, false, 'yes', 1),
        retryAfter: fc.constantFrom(1, -1, 1.5, '2', 86_401, null),
        seed: fc.oneof(fc.integer(), fc.constantFrom(2 ** 32, -1, 0.5)),
      },
      { requiredKeys: [] },
    )
    .map((r) => JSON.stringify(r)),
  fc.constantFrom(...PROTO_KEYS).map((k) => `{"probability":1,"code":503,"${k}":{"polluted":true}}`),
  jsonBody,
);

/** The journal's filters, each with its valid values (the generator adds the hostile ones). */
const JOURNAL_FILTER: Record<string, fc.Arbitrary<string>> = {
  vendor: fc.constantFrom('enneo', 'voipcube', 'autozod'),
  method: fc.constantFrom('GET', 'get', 'HEAD'),
  path: fc.constantFrom('/voipcube/*', '*', '/*a*a*a*a*b'),
  status: fc.constantFrom('200', '401'),
  since: fc.constantFrom('0', '1'),
  limit: fc.constantFrom('1', '1000'),
};

interface Control {
  path: fc.Arbitrary<string>;
  /** The control's query parameters and a valid value of each (default: vendor). */
  params?: Record<string, fc.Arbitrary<string>>;
  /** The query string, when the control needs it clean more often than `params` gives it. */
  query?: fc.Arbitrary<string>;
  /** The documented methods (drawn most often), then every other. */
  methods: string[];
  body: fc.Arbitrary<string>;
}

const CONTROLS: Record<string, Control> = {
  '/__standin/health': { path: fc.constant('/__standin/health'), methods: ['GET'], body: jsonBody },
  '/__standin/settings': {
    path: fc.constant('/__standin/settings'),
    methods: ['GET', 'PUT'],
    body: settingsBody,
  },
  '/__standin/reset': { path: fc.constant('/__standin/reset'), methods: ['POST'], body: jsonBody },
  '/__standin/requests': {
    path: fc.constant('/__standin/requests'),
    params: JOURNAL_FILTER,
    methods: ['GET', 'DELETE'],
    body: jsonBody,
  },
  '/__standin/requests/count': {
    path: fc.constant('/__standin/requests/count'),
    params: JOURNAL_FILTER,
    methods: ['GET'],
    body: jsonBody,
  },
  // A wait always names a short timeout (or a bad one, refused at once), so no run hangs for the
  // default 5 s; count 1 is met by the seeded entry, more answer 408 at the timeout.
  '/__standin/requests/wait': {
    path: fc
      .tuple(
        fc.constantFrom('1', '2', '0', 'x', '100001', ''),
        fc.constantFrom('0', '1', '5', '-1', '60001', 'x'),
      )
      .map(([count, timeoutMs]) => `/__standin/requests/wait?count=${count}&timeoutMs=${timeoutMs}`),
    // The wait's own checks are the subject here (the filters' are above): often no more query.
    query: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('', '?vendor=voipcube', '?vendor=enneo') },
      queryString({ params: { vendor: fc.constantFrom('voipcube', 'enneo') } }),
    ),
    methods: ['GET'],
    body: jsonBody,
  },
  '/__standin/faults': {
    path: fc.oneof(
      { weight: 4, arbitrary: fc.constant('/__standin/faults') },
      fc
        .constantFrom('rule-1', 'rule-999', '__proto__', 'constructor', '%E0%A4%A', '%2F', 'x'.repeat(3000))
        .map((id) => `/__standin/faults/${id}`),
    ),
    methods: ['GET', 'POST', 'DELETE'],
    body: ruleBody,
  },
};

function controlRequest(control: Control): fc.Arbitrary<HostileReq> {
  return fc
    .record({
      method: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...control.methods) },
        { weight: 2, arbitrary: fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH') },
        { weight: 1, arbitrary: fc.constantFrom('TRACE', 'PROPFIND', 'SEARCH', 'LOCK') },
      ),
      path: control.path,
      query:
        control.query ??
        queryString({
          params: control.params ?? { vendor: fc.constantFrom('enneo', 'voipcube', 'autozod', 'ENNEO', '') },
        }),
      extra: extraHeaders,
      contentType: fc.option(
        fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, contentType),
        { nil: undefined },
      ),
      payload: fc.oneof(
        { weight: 3, arbitrary: control.body.map((b) => ({ body: b })) },
        { weight: 1, arbitrary: anyBody },
      ),
    })
    .map((r) => {
      const headers: Record<string, string | string[]> = { ...r.extra };
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      // A path that already has a query takes the generated one after it.
      const query = r.path.includes('?') && r.query.startsWith('?') ? `&${r.query.slice(1)}` : r.query;
      return { method: r.method, path: `${r.path}${query}`, headers, ...r.payload };
    });
}

const MUTATING = new Set(['PUT', 'POST', 'DELETE', 'PATCH']);

/**
 * One generated request against a subject: no 5xx, no drop, nosniff, a named 4xx, a refused
 * change that changes nothing, an accepted one that shows what it did (then undone by a reset).
 */
async function check(s: Subject, req: HostileReq, statuses: Map<number, number>): Promise<void> {
  const res = await s.client.send(req);
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.dropped) throw new Error(`connection dropped: ${res.dropped}`);
  expect(res.status).toBeLessThan(500);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  if (res.status >= 400 && req.method !== 'HEAD') {
    expect(
      errorMessage(res.body),
      `4xx names the problem: ${res.body.toString().slice(0, 200)}`,
    ).toBeDefined();
  }
  if (!MUTATING.has(req.method)) return;
  if (res.status >= 400) {
    expect(await state(s), 'a refused change changes nothing').toBe(s.baseline);
    return;
  }
  if (req.method === 'PUT' && res.status === 200) {
    const now = (await s.client.send({ method: 'GET', path: '/__standin/settings', headers: s.admin })).body;
    expect(JSON.parse(now.toString())).toEqual(JSON.parse(res.body.toString()));
  }
  if (req.method === 'POST' && res.status === 201) {
    const now = (await s.client.send({ method: 'GET', path: '/__standin/faults', headers: s.admin })).body;
    expect(JSON.parse(now.toString()).rules).toContainEqual(JSON.parse(res.body.toString()));
  }
  await s.client.send({ method: 'POST', path: '/__standin/reset', headers: s.admin });
  await seedJournal(s);
  // Journal ids never repeat, so the state to compare against moves on with each reset.
  s.baseline = await state(s);
}

function report(name: string, statuses: Map<number, number>): void {
  const sorted = Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0]));
  process.stdout.write(`[reliability] ${name}: statuses ${JSON.stringify(sorted)}\n`);
  // The generators must reach the handlers, not only the first check: some requests succeed.
  // A wait's 408 is its documented answer when too few requests arrived, not a refusal.
  const succeeded = [...statuses]
    .filter(([status]) => status < 300 || status === 408)
    .reduce((n, [, count]) => n + count, 0);
  expect(succeeded).toBeGreaterThan(statuses.size === 0 ? 1 : RUNS / 20);
}

describe.each(Object.keys(CONTROLS).map((path, i) => [path, i] as const))(
  '%s under hostile input',
  (path, i) => {
    it(`never answers 5xx, drops or hangs; a 4xx names its problem and changes nothing (${RUNS} requests)`, async () => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(controlRequest(CONTROLS[path]!), (req) => check(loopback, req, statuses)),
        { seed: seedFor(path, 9_100 + i), numRuns: RUNS },
      );
      report(path, statuses);
      expect(loopback.running.internalErrors).toEqual([]);
    });
  },
);

describe('every control behind an admin token, with and without it', () => {
  const paths = Object.keys(CONTROLS);
  const arb = fc
    .tuple(
      fc.constantFrom(...paths).chain((p) => controlRequest(CONTROLS[p]!)),
      fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${ADMIN_TOKEN}` }),
        },
        fc.constantFrom<Record<string, string>>(
          {},
          { authorization: `Bearer ${ADMIN_TOKEN}x` },
          { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` },
          { authorization: ADMIN_TOKEN },
          { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
          { 'x-admin-token': ADMIN_TOKEN },
          { authorization: 'Bearer ' },
        ),
      ),
    )
    .map(([req, auth]) => ({
      req: { ...req, headers: { ...req.headers, ...auth } },
      // GET/HEAD /__standin/health answers without the token (probes have none): as on loopback.
      valid:
        ('authorization' in auth && auth.authorization === `Bearer ${ADMIN_TOKEN}`) ||
        ((req.method === 'GET' || req.method === 'HEAD') &&
          /^\/__standin\/health\/?$/i.test(req.path.split('?')[0]!)),
    }));

  it(`without the token every control answers 403 and changes nothing; with it, as on loopback (${RUNS} requests)`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arb, async ({ req, valid }) => {
        if (valid) return check(guarded, req, statuses);
        const res = await guarded.client.send(req);
        if (res.dropped) throw new Error(`connection dropped: ${res.dropped}`);
        // A 413 or 400 from the parser may come first for a body no control could accept.
        if (res.status !== 403) expect([400, 413, 431]).toContain(res.status);
        if (req.method !== 'HEAD') expect(errorMessage(res.body)).toBeDefined();
        if (MUTATING.has(req.method)) expect(await state(guarded)).toBe(guarded.baseline);
      }),
      { seed: seedFor('controls behind an admin token', 9_200), numRuns: RUNS },
    );
    report('controls behind an admin token (valid token only)', statuses);
    expect(guarded.running.internalErrors).toEqual([]);
  });
});

describe('after every control was fuzzed', () => {
  it('no prototype gained a key', () => {
    expect(prototypeKeys()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the controls still answer as at start-up', async () => {
    expect(await state(loopback)).toBe(loopback.baseline);
    expect(await state(guarded)).toBe(guarded.baseline);
  });
});
