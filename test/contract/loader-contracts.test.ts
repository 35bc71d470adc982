/**
 * The loader over the real contracts: each loads, every example validates against its own
 * schema, and hand-written bodies and requests per endpoint are accepted or rejected at the
 * right pointer.
 */
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_VENDORS,
  compileOpenApiSchema,
  convertAjvErrors,
  loadContract,
  type Problem,
} from '../../src/contract/index.ts';

const JSON_TYPE = 'application/json';
const brief = (problems: Problem[]) => problems.map((p) => [p.pointer, p.rule, p.expected, p.actual]);

/** Every schema object reachable from `schema`, with its place, for checking schema-level examples. */
function* schemasIn(schema: unknown, at: string): Generator<[string, Record<string, unknown>]> {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Record<string, unknown>;
  yield [at, s];
  for (const [name, sub] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    yield* schemasIn(sub, `${at}/properties/${name}`);
  }
  if (s.items) yield* schemasIn(s.items, `${at}/items`);
  if (typeof s.additionalProperties === 'object')
    yield* schemasIn(s.additionalProperties, `${at}/additionalProperties`);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const [i, sub] of ((s[key] as unknown[]) ?? []).entries())
      yield* schemasIn(sub, `${at}/${key}/${i}`);
  }
}

describe.each(CONTRACT_VENDORS)('contracts/%s.yaml', (vendor) => {
  it('loads as valid OpenAPI 3.0 with at least one operation', async () => {
    const contract = await loadContract(vendor);
    expect(contract.document.openapi).toMatch(/^3\.0\.\d+$/);
    expect(contract.operations.length).toBeGreaterThan(0);
  });

  it('has response examples, and every one not marked invalid validates against its own schema', async () => {
    const contract = await loadContract(vendor);
    let valid = 0;
    for (const op of contract.operations) {
      for (const ex of op.examples()) {
        const problems = op.validateResponse(ex.status, ex.mediaType, ex.value);
        const label = `${op.id} ${ex.status} ${ex.mediaType} ${ex.name}`;
        if (ex.invalid) {
          expect(problems.length, label).toBeGreaterThan(0);
        } else {
          expect(problems, label).toEqual([]);
          valid++;
        }
      }
    }
    expect(valid).toBeGreaterThan(0);
  });

  it('every schema-level and parameter example keeps its own schema', async () => {
    const contract = await loadContract(vendor);
    const roots: [string, unknown][] = Object.entries(contract.document.components?.schemas ?? {}).map(
      ([name, s]) => [`/components/schemas/${name}`, s],
    );
    for (const op of contract.operations) {
      for (const p of op.parameters) {
        roots.push([`${op.id} parameter ${p.name}`, p.schema]);
        if (p.example !== undefined) {
          const problems = op
            .validateParameters({ [p.in]: { [p.name]: p.example } })
            .filter((x) => x.pointer.toLowerCase().startsWith(`/${p.in}/${p.name}`.toLowerCase()));
          expect(problems, `${op.id} parameter ${p.name} example`).toEqual([]);
        }
      }
    }
    for (const [root, schema] of roots) {
      for (const [at, s] of schemasIn(schema, root)) {
        if (s.example === undefined || s['x-standin-example-invalid'] === true) continue;
        const validate = compileOpenApiSchema(s);
        validate(s.example);
        expect(convertAjvErrors(validate.errors, s.example), `${at} example`).toEqual([]);
      }
    }
  });
});

describe('Enneo export (GET /export/reporting_worklog)', () => {
  const exportOp = async () => (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
  const vendorRow = async () => {
    const [example] = (await exportOp()).examples();
    const rows = (example?.value ?? []) as Record<string, unknown>[];
    return rows[0] as Record<string, unknown>;
  };

  it('accepts the vendor row and its pseudonymized form (date only, identifying columns absent)', async () => {
    const op = await exportOp();
    const row = await vendorRow();
    expect(op.validateItem(200, JSON_TYPE, row, 0)).toEqual([]);
    const { ticketId: _t, conversationId: _c, userId: _u, email: _e, rawData: _r, ...pseudonymized } = row;
    expect(op.validateItem(200, JSON_TYPE, { ...pseudonymized, date: '2024-05-10' }, 0)).toEqual([]);
  });

  it('rejects a row with duration "abc" at /0/duration', async () => {
    const op = await exportOp();
    const row = await vendorRow();
    expect(op.validateItem(200, JSON_TYPE, { ...row, duration: 'abc' }, 0)).toEqual([
      {
        pointer: '/0/duration',
        rule: 'type',
        expected: 'integer',
        actual: '"abc"',
        message: '/0/duration: expected integer, found "abc"',
      },
    ]);
  });

  it('rejects a missing column, an unknown action, an ISO date and an impossible SLA date', async () => {
    const op = await exportOp();
    const { action: _, ...row } = await vendorRow();
    expect(brief(op.validateItem(200, JSON_TYPE, row, 3))).toEqual([
      ['/3/action', 'required', 'required property action', 'missing'],
    ]);
    const bad = { ...(await vendorRow()), action: 'flyAction', closingDateForSLA: '2024-02-30 16:15:00' };
    expect(brief(op.validateItem(200, JSON_TYPE, bad, 0)).map(([p, r]) => `${p} ${r}`)).toEqual([
      '/0/action enum',
      '/0/closingDateForSLA format',
    ]);
    const iso = { ...(await vendorRow()), date: '2024-05-10T14:52:37Z' };
    expect(brief(op.validateItem(200, JSON_TYPE, iso, 1)).map(([p, r]) => `${p} ${r}`)).toEqual([
      '/1/date pattern',
    ]);
  });

  it('accepts null in a nullable enum column and rejects an unknown channel', async () => {
    const op = await exportOp();
    const row = await vendorRow();
    expect(op.validateItem(200, JSON_TYPE, { ...row, channel: null })).toEqual([]);
    expect(
      brief(op.validateItem(200, JSON_TYPE, { ...row, channel: 'fax' })).map(([p, r]) => `${p} ${r}`),
    ).toEqual(['/channel enum']);
  });

  it('checks limit, orderByDirection and format', async () => {
    const op = await exportOp();
    expect(
      op.validateParameters({
        query: { limit: '1000', offset: '0', orderByDirection: 'asc', format: 'csv' },
      }),
    ).toEqual([]);
    expect(brief(op.validateParameters({ query: { limit: '1001' } }))).toEqual([
      ['/query/limit', 'maximum', 'at most 1000', '1001'],
    ]);
    expect(brief(op.validateParameters({ query: { orderByDirection: 'up' } }))).toEqual([
      ['/query/orderByDirection', 'enum', 'one of asc, desc', '"up"'],
    ]);
    expect(brief(op.validateParameters({ query: { format: 'pdf' } }))).toEqual([
      ['/query/format', 'enum', 'one of xlsx, csv, json', '"pdf"'],
    ]);
    expect(op.isAssumedParameter('/query/orderByField')).toBe(true);
    expect(op.isAssumedParameter('/query/limit')).toBe(false);
  });

  it('treats the error body as assumed and the documented 403 as a documented status', async () => {
    const op = await exportOp();
    expect(op.isAssumedStatus(400)).toBe(true);
    expect(op.isAssumedStatus(403)).toBe(false);
    expect(op.assumedPointers(403, JSON_TYPE)('/error')).toBe(true); // the body shape is assumed
    expect(brief(op.validateResponse(403, JSON_TYPE, { success: false, error: 'no' }))).toEqual([
      ['/code', 'required', 'required property code', 'missing'],
    ]);
  });
});

describe('Enneo ticket worklog (GET /ticket/{ticketId}/worklog)', () => {
  it('accepts the vendor example items and rejects wrong types at their pointers', async () => {
    const op = (await loadContract('enneo')).operation('get', '/ticket/{ticketId}/worklog');
    const [example] = op.examples();
    const items = (example?.value ?? []) as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(0);
    items.forEach((item, i) => {
      expect(op.validateItem(200, JSON_TYPE, item, i)).toEqual([]);
    });
    const first = items[0] as Record<string, unknown>;
    const bad = { ...first, id: 'x', date: '12-06-2024', latestInteraction: null };
    expect(brief(op.validateItem(200, JSON_TYPE, bad, 0)).map(([p, r]) => `${p} ${r}`)).toEqual([
      '/0/id type',
      '/0/date format',
    ]);
  });

  it('coerces the path parameter and refuses a non-integer ticket id', async () => {
    const op = (await loadContract('enneo')).operation('get', '/ticket/{ticketId}/worklog');
    expect(op.validateParameters({ path: { ticketId: '233' } })).toEqual([]);
    expect(brief(op.validateParameters({ path: { ticketId: 'abc' } }))).toEqual([
      ['/path/ticketId', 'type', 'integer', '"abc"'],
    ]);
  });
});

describe('VoIPcube (GET /stats/user-statuses)', () => {
  const op = async () => (await loadContract('voipcube')).operation('get', '/stats/user-statuses');
  const log = {
    status: 'Available',
    userId: '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
    time: '2023-07-19T12:58:19.282Z',
  };

  it('accepts a log and rejects an item missing userId at /0/userId', async () => {
    const o = await op();
    expect(o.validateItem(200, JSON_TYPE, log, 0)).toEqual([]);
    expect(o.validateItem(200, JSON_TYPE, { ...log, status: '' }, 0)).toEqual([]);
    const { userId: _, ...noUser } = log;
    expect(o.validateItem(200, JSON_TYPE, noUser, 0)).toEqual([
      {
        pointer: '/0/userId',
        rule: 'required',
        expected: 'required property userId',
        actual: 'missing',
        message: '/0/userId: expected required property userId, found missing',
      },
    ]);
  });

  it('rejects a time without zone, a numeric status and a non-UUID user', async () => {
    const o = await op();
    const bad = { status: 5, userId: '42', time: '2023-07-19 12:58:19' };
    expect(brief(o.validateResponse(200, JSON_TYPE, [log, bad]))).toEqual([
      ['/1/status', 'type', 'string', '5'],
      ['/1/userId', 'format', 'format uuid', '"42"'],
      ['/1/time', 'format', 'format date-time', '"2023-07-19 12:58:19"'],
    ]);
  });

  it('requires from and to, and checks their format and the user ids', async () => {
    const o = await op();
    expect(o.validateParameters({ query: { from: '2023-05-29T15:02:10Z', to: '2023-07-20' } })).toEqual([]);
    expect(brief(o.validateParameters({ query: { to: '2023-07-20' } }))).toEqual([
      ['/query/from', 'required', 'required property from', 'missing'],
    ]);
    const problems = o.validateParameters({
      query: { from: '2023-02-30', to: '2023-07-20', 'userIds[]': 'abc' },
    });
    expect(brief(problems).map(([p, r]) => `${p} ${r}`)).toEqual([
      '/query/from format',
      '/query/userIds[]/0 format',
    ]);
    expect(o.isAssumedParameter('/query/userIds[]/0')).toBe(true);
    expect(o.isAssumedParameter('/query/from')).toBe(false);
  });

  it("tells the vendor's example from the assumed ones", async () => {
    const examples = (await op()).examples().map((e) => [e.status, e.name, e.assumed]);
    expect(examples).toContainEqual(['200', 'vendorDocExample', false]);
    expect(examples).toContainEqual(['200', 'pageBeyondTheEnd', true]);
    expect(examples).toContainEqual(['401', 'missingKey', true]);
  });

  it('documents 401 as assumed', async () => {
    const o = await op();
    expect(o.statuses()).toEqual(['200', '400', '401']);
    expect(o.isAssumedStatus(401)).toBe(true);
    expect(o.isAssumedStatus(200)).toBe(false);
  });
});

describe('Autozod (GET /api/sessionLogs/list)', () => {
  const op = async () => (await loadContract('autozod')).operation('get', '/api/sessionLogs/list');
  const body = () => ({
    success: true,
    data: {
      summary: {
        total_active_duration_seconds: 32400,
        total_active_duration_format: '09:00:00',
        total_session_count: 2,
        total_inactive_duration_seconds: 54000,
        total_inactive_duration_format: '15:00:00',
        active_percentage: 37.5,
        inactive_percentage: 62.5,
      },
      daily_breakdown: [
        {
          date: '21-08-2025',
          active_duration_seconds: 32400,
          active_duration_format: '09:00:00',
          inactive_duration_seconds: 54000,
          inactive_duration_format: '15:00:00',
          session_count: 2,
          sessions: [
            {
              agent_id: '68a6d35049a09719b70539b4',
              start: '2025-08-21T08:00:00.000Z',
              end: '2025-08-21T12:30:00.000Z',
              duration_seconds: 16200,
            },
          ],
        },
      ],
    },
  });

  it('accepts a well-formed summary', async () => {
    expect((await op()).validateResponse(200, JSON_TYPE, body())).toEqual([]);
  });

  it('rejects a negative total, a percentage over 100, a bad duration and an ISO day', async () => {
    const b = body();
    b.data.summary.total_active_duration_seconds = -1;
    b.data.summary.active_percentage = 100.5;
    b.data.summary.total_inactive_duration_format = '9:00';
    (b.data.daily_breakdown[0] as { date: string }).date = '2025-08-21';
    expect(brief((await op()).validateResponse(200, JSON_TYPE, b))).toEqual([
      ['/data/summary/total_active_duration_seconds', 'minimum', 'at least 0', '-1'],
      ['/data/summary/total_inactive_duration_format', 'format', 'format duration-hms', '"9:00"'],
      ['/data/summary/active_percentage', 'maximum', 'at most 100', '100.5'],
      ['/data/daily_breakdown/0/date', 'format', 'format dd-mm-yyyy', '"2025-08-21"'],
    ]);
  });

  it("marks the breakdown items and percentages assumed, the doc's summary counts not", async () => {
    const assumed = (await op()).assumedPointers(200, JSON_TYPE);
    expect(assumed('/data/daily_breakdown/0/date')).toBe(true);
    expect(assumed('/data/daily_breakdown/0/sessions/0/agent_id')).toBe(true);
    expect(assumed('/data/summary/active_percentage')).toBe(true);
    expect(assumed('/data/summary/total_session_count')).toBe(false);
  });

  it('checks the dates, agent id and type parameters', async () => {
    const o = await op();
    const query = {
      team_id: '1000',
      agent_id: '68a6d35049a09719b70539b4',
      type: 'on_duty',
      start_date: '21-08-2025',
      end_date: '21-08-2025',
    };
    expect(o.validateParameters({ query })).toEqual([]);
    const bad = { ...query, agent_id: 'XYZ', type: 'off_duty', start_date: '31-02-2025' };
    expect(brief(o.validateParameters({ query: bad })).map(([p, r]) => `${p} ${r}`)).toEqual([
      '/query/agent_id format',
      '/query/type enum',
      '/query/start_date format',
    ]);
    const { team_id: _, ...noTeam } = query;
    expect(brief(o.validateParameters({ query: noTeam }))).toEqual([
      ['/query/team_id', 'required', 'required property team_id', 'missing'],
    ]);
  });
});

describe('security schemes', () => {
  it('are the documented ones per vendor', async () => {
    const pick = (s: Record<string, OpenAPIV3.SecuritySchemeObject>) =>
      Object.values(s).map((x) =>
        x.type === 'apiKey' ? `apiKey ${x.in} ${x.name}` : `${x.type} ${'scheme' in x ? x.scheme : ''}`,
      );
    expect(pick((await loadContract('enneo')).securitySchemes)).toEqual([
      'http bearer',
      'apiKey cookie connect.sid',
    ]);
    expect(pick((await loadContract('voipcube')).securitySchemes)).toEqual(['apiKey header Key']);
    expect(pick((await loadContract('autozod')).securitySchemes)).toEqual(['http bearer']);
  });
});
