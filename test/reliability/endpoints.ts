/**
 * The four vendor endpoints as the hostile-input tests see them: where they are, the parameters
 * with valid values, and the credential variants (valid, missing, wrong, another vendor's).
 */
import fc from 'fast-check';
import { DEV, smallWorld } from './helpers.ts';

const world = smallWorld();
const people = world.people;
const ticketIds = [...new Set(world.enneo.ticketWorklogs.map((t) => t.ticketId))];
const uuids = people.flatMap((p) => (p.voipcube ? [p.voipcube.userId] : []));
const agents = people.flatMap((p) => (p.autozod ? [p.autozod] : []));

const day = (from: string, spanDays: number) =>
  fc
    .integer({ min: 0, max: spanDays })
    .map((n) => new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10));
const ddmmyyyy = (from: string, spanDays: number) =>
  day(from, spanDays).map((d) => d.split('-').reverse().join('-'));

type Headers = Record<string, string | string[]>;

/** Header variants for a vendor: the right credentials, and every wrong one (none among them). */
function authVariants(valid: Headers[], wrong: Headers[]): AuthVariants {
  return { valid: fc.constantFrom(...valid), wrong: fc.constantFrom({}, ...wrong) };
}

/** Credentials that authenticate, and ones that must not. */
export interface AuthVariants {
  valid: fc.Arbitrary<Headers>;
  wrong: fc.Arbitrary<Headers>;
}

/** Path variants: the endpoint itself, mostly, and its near misses. */
function pathVariants(path: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 10, arbitrary: path },
    {
      weight: 1,
      arbitrary: fc
        .tuple(path, fc.constantFrom('trailing', 'upper', 'double', 'dot', 'semicolon', 'encoded'))
        .map(([p, how]) => {
          switch (how) {
            case 'trailing':
              return `${p}/`;
            case 'upper':
              return p.toUpperCase();
            case 'double':
              return p.replace('/', '//');
            case 'dot':
              return p.replace(/\/([^/]+)$/, '/./$1');
            case 'semicolon':
              return `${p};jsessionid=1`;
            default:
              return p.replace(/[a-z](?=[^/]*$)/, (c) => `%${c.charCodeAt(0).toString(16)}`);
          }
        }),
    },
  );
}

export interface VendorEndpoint {
  name: string;
  path: fc.Arbitrary<string>;
  params: Record<string, fc.Arbitrary<string>>;
  /** Parameters a clean request always carries. */
  required?: string[];
  auth: AuthVariants;
  /** A request (path + query) that answers 200 with the valid credential. */
  sample: string;
}

/** Builds the endpoints; the Enneo token is async, so it is passed in. */
export function vendorEndpoints(enneoToken: string): VendorEndpoint[] {
  const enneoAuth = authVariants(
    [{ authorization: `Bearer ${enneoToken}` }, { cookie: `connect.sid=${DEV.enneo.sessionId}` }],
    [
      { authorization: `Bearer ${enneoToken.slice(0, -2)}xx` },
      { authorization: 'Bearer ' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJ1c2VySWQiOjF9.' },
      { authorization: `bearer ${enneoToken}`, cookie: 'connect.sid=wrong' },
      { cookie: 'connect.sid=%' },
      { cookie: `connect.sid="${DEV.enneo.sessionId}x"; connect.sid=${DEV.enneo.sessionId}` },
      { authorization: `Bearer ${DEV.autozod.token}` },
      { key: DEV.voipcube.key },
    ],
  );
  return [
    {
      name: 'GET /enneo/api/mind/export/reporting_worklog',
      path: pathVariants(fc.constant('/enneo/api/mind/export/reporting_worklog')),
      params: {
        limit: fc.integer({ min: 1, max: 1000 }).map(String),
        offset: fc.integer({ min: 0, max: 100 }).map(String),
        orderByField: fc.constantFrom('date', 'ticketId', 'agentName', 'duration', 'agentEmail', 'channel'),
        orderByDirection: fc.constantFrom('asc', 'desc'),
        // xlsx is built by exceljs: valid but slow, so it is drawn less often.
        format: fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom('json', 'csv') },
          { weight: 1, arbitrary: fc.constant('xlsx') },
        ),
      },
      auth: enneoAuth,
      sample: '/enneo/api/mind/export/reporting_worklog?limit=5&orderByField=ticketId&orderByDirection=asc',
    },
    {
      name: 'GET /enneo/api/mind/ticket/{id}/worklog',
      path: pathVariants(
        fc
          .oneof(
            { weight: 3, arbitrary: fc.constantFrom(...ticketIds).map(String) },
            {
              weight: 1,
              arbitrary: fc.constantFrom(
                '0',
                '-1',
                '1.5',
                '1e3',
                '99999999999999999999',
                '%20',
                '%2F',
                '..',
                '%2e%2e',
                '__proto__',
                'constructor',
                '%E0%A4%A',
                '%',
                '%00',
                '00010001',
                'x'.repeat(3000),
              ),
            },
          )
          .map((id) => `/enneo/api/mind/ticket/${id}/worklog`),
      ),
      params: {
        format: fc.constantFrom('json', 'csv'),
        limit: fc.constant('10'),
      },
      auth: enneoAuth,
      sample: `/enneo/api/mind/ticket/${ticketIds[0]}/worklog`,
    },
    {
      name: 'GET /voipcube/stats/user-statuses',
      path: pathVariants(fc.constant('/voipcube/stats/user-statuses')),
      params: {
        from: fc.oneof(
          day('2025-09-01', 29),
          fc.constantFrom('2025-09-01T00:00:00Z', '2025-09-01T02:00:00+02:00', '2024-02-29'),
        ),
        to: fc.oneof(day('2025-09-01', 40), fc.constantFrom('2025-09-30T23:59:59.999Z', '2026-09-01')),
        'userIds[]': fc.constantFrom(
          ...uuids,
          uuids[0]!.toUpperCase(),
          '00000000-0000-0000-0000-000000000000',
        ),
        page: fc.integer({ min: 0, max: 50 }).map(String),
        size: fc.integer({ min: 0, max: 500 }).map(String),
      },
      required: ['from', 'to'],
      auth: authVariants(
        [{ key: DEV.voipcube.key }],
        [
          { key: `${DEV.voipcube.key}x` },
          { key: '' },
          { key: [DEV.voipcube.key, DEV.voipcube.key] },
          { authorization: `Bearer ${DEV.voipcube.key}` },
          { 'x-api-key': DEV.voipcube.key },
          { key: DEV.autozod.token },
        ],
      ),
      sample: '/voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-03&page=1&size=5',
    },
    {
      name: 'GET /autozod/api/sessionLogs/list',
      path: pathVariants(fc.constant('/autozod/api/sessionLogs/list')),
      params: {
        team_id: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...agents.map((a) => a.teamId)) },
          fc.constantFrom('9999', '0'),
        ),
        agent_id: fc.constantFrom(...agents.map((a) => a.agentId), 'ffffffffffffffffffffffff'),
        type: fc.oneof(
          { weight: 4, arbitrary: fc.constant('on_duty') },
          fc.constantFrom('ON_DUTY', 'off_duty'),
        ),
        start_date: ddmmyyyy('2025-08-25', 20),
        end_date: ddmmyyyy('2025-09-10', 30),
      },
      required: ['team_id', 'start_date', 'end_date'],
      auth: authVariants(
        [
          { authorization: `Bearer ${DEV.autozod.token}` },
          { authorization: `bearer   ${DEV.autozod.token}  ` },
        ],
        [
          { authorization: `Bearer ${DEV.autozod.token}x` },
          { authorization: DEV.autozod.token },
          { authorization: `Bearer ${DEV.autozod.token} extra` },
          { authorization: 'Bearer' },
          { authorization: `Bearer ${enneoToken}` },
          { key: DEV.voipcube.key },
        ],
      ),
      sample: `/autozod/api/sessionLogs/list?team_id=${agents[0]!.teamId}&start_date=01-09-2025&end_date=07-09-2025`,
    },
  ];
}
