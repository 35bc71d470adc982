import { readFileSync } from 'node:fs';
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Self-contained on purpose: src/contract/ (the loader) is written in parallel, and this suite
// pins the contract document itself, independently of how the loader reads it.
const CONTRACT = new URL('../../contracts/autozod.yaml', import.meta.url);
const addFormats = addFormatsModule.default;

/** The example response of autozod-session-logs.txt, copied by hand from the doc. */
const VENDOR_EXAMPLE = {
  success: true,
  data: {
    summary: {
      total_active_duration_seconds: 0,
      total_active_duration_format: 'string',
      total_session_count: 0,
      total_inactive_duration_seconds: 0,
      total_inactive_duration_format: 'string',
      active_percentage: 0,
      inactive_percentage: 0,
    },
    daily_breakdown: [null],
  },
};

const SUMMARY_FIELDS = [
  'total_active_duration_seconds',
  'total_active_duration_format',
  'total_session_count',
  'total_inactive_duration_seconds',
  'total_inactive_duration_format',
  'active_percentage',
  'inactive_percentage',
];

type Extended<T> = T & Record<`x-${string}`, unknown>;
interface Rule {
  id: string;
  rule: string;
  assumed: boolean;
  doc?: string;
}
interface Day {
  date: string;
  active_duration_seconds: number;
  active_duration_format: string;
  inactive_duration_seconds: number;
  inactive_duration_format: string;
  session_count: number;
  sessions: { agent_id: string; start: string; end: string; duration_seconds: number }[];
}
interface Body {
  data: { summary: Record<string, number | string>; daily_breakdown: Day[] };
}

let raw: OpenAPIV3.Document;
let doc: OpenAPIV3.Document;
let op: Extended<OpenAPIV3.OperationObject>;

function param(name: string): Extended<OpenAPIV3.ParameterObject> & { schema: OpenAPIV3.SchemaObject } {
  const found = (op.parameters as OpenAPIV3.ParameterObject[]).find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name}`);
  return found as Extended<OpenAPIV3.ParameterObject> & { schema: OpenAPIV3.SchemaObject };
}

function response(status: string): Extended<OpenAPIV3.ResponseObject> {
  return op.responses[status] as Extended<OpenAPIV3.ResponseObject>;
}

function json(status: string): OpenAPIV3.MediaTypeObject {
  const media = response(status).content?.['application/json'];
  if (!media) throw new Error(`no application/json for ${status}`);
  return media;
}

function example(status: string, name: string): Extended<OpenAPIV3.ExampleObject> {
  const found = json(status).examples?.[name];
  if (!found) throw new Error(`no example ${name} for ${status}`);
  return found as Extended<OpenAPIV3.ExampleObject>;
}

function isCalendarDate(value: string): boolean {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!m) return false;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Ajv for examples; the custom formats here mirror contracts/README.md. */
function schemaValidator(schema: OpenAPIV3.SchemaObject) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('objectid', /^[0-9a-f]{24}$/);
  ajv.addFormat('duration-hms', /^\d{2,}:[0-5]\d:[0-5]\d$/);
  ajv.addFormat('dd-mm-yyyy', isCalendarDate);
  return ajv.compile(schema);
}

function hms(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

beforeAll(async () => {
  raw = parse(readFileSync(CONTRACT, 'utf8')) as OpenAPIV3.Document;
  doc = await dereference(structuredClone(raw));
  op = doc.paths['/api/sessionLogs/list']?.get as Extended<OpenAPIV3.OperationObject>;
});

describe('contracts/autozod.yaml', () => {
  it('is a valid OpenAPI 3.0.3 document without warnings', async () => {
    const result = await validate(structuredClone(raw));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(raw.openapi).toBe('3.0.3');
  });

  it('serves GET /api/sessionLogs/list as listSessionLogs on the documented host', () => {
    expect(raw.servers?.map((s) => s.url)).toEqual(['https://www.autozod.app']);
    expect(Object.keys(doc.paths)).toEqual(['/api/sessionLogs/list']);
    expect(Object.keys(doc.paths['/api/sessionLogs/list'] ?? {})).toEqual(['get']);
    expect(op.operationId).toBe('listSessionLogs');
  });

  it('authenticates with a bearer token', () => {
    expect(doc.components?.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(op.security).toEqual([{ bearerAuth: [] }]);
    expect(raw.security).toEqual([{ bearerAuth: [] }]);
  });

  it('takes team_id, agent_id, type, start_date and end_date, each rule marked assumed', () => {
    expect((op.parameters as OpenAPIV3.ParameterObject[]).map((p) => [p.name, p.in, p.required])).toEqual([
      ['team_id', 'query', true],
      ['agent_id', 'query', false],
      ['type', 'query', false],
      ['start_date', 'query', true],
      ['end_date', 'query', true],
    ]);
    // The doc's parameter table is empty: only the example request shows them.
    for (const p of op.parameters as Extended<OpenAPIV3.ParameterObject>[])
      expect(p['x-standin-assumed'], p.name).toBe(true);
    expect(param('team_id').schema).toEqual({ type: 'string', minLength: 1 });
    expect(param('team_id').example).toBe('1000');
  });

  it('takes agent_id as a 24-hex object id', () => {
    const { schema, example: value } = param('agent_id');
    expect(schema).toEqual({ type: 'string', format: 'objectid', pattern: '^[0-9a-f]{24}$' });
    expect(value).toBe('68a6d35049a09719b70539b4');
    const pattern = new RegExp(schema.pattern ?? '');
    expect(pattern.test('68a6d35049a09719b70539b4')).toBe(true);
    expect(pattern.test('68A6D35049A09719B70539B4')).toBe(false);
    expect(pattern.test('68a6d35049a09719b70539b')).toBe(false);
  });

  it('takes type as on_duty only, defaulting to on_duty', () => {
    expect(param('type').schema).toEqual({ type: 'string', enum: ['on_duty'], default: 'on_duty' });
  });

  it('takes start_date and end_date as DD-MM-YYYY, by format and by pattern', () => {
    for (const name of ['start_date', 'end_date']) {
      const { schema, example: value } = param(name);
      expect(schema.type).toBe('string');
      expect(schema.format).toBe('dd-mm-yyyy');
      expect(value).toBe('21-08-2025');
      const pattern = new RegExp(schema.pattern ?? '');
      for (const good of ['21-08-2025', '01-01-2024', '31-12-2025'])
        expect(pattern.test(good), good).toBe(true);
      for (const bad of ['2025-08-21', '21/08/2025', '32-01-2025', '21-13-2025', '1-8-2025'])
        expect(pattern.test(bad), bad).toBe(false);
    }
    const check = schemaValidator(param('start_date').schema);
    expect(check('29-02-2024')).toBe(true);
    expect(check('31-02-2025')).toBe(false);
  });

  it('describes the JSON body {} that the documented curl sends with its GET as optional', () => {
    const body = op.requestBody as Extended<OpenAPIV3.RequestBodyObject>;
    expect(body.required).toBe(false);
    expect(body['x-standin-assumed']).toBe(true);
    expect(Object.keys(body.content)).toEqual(['application/json']);
    expect(body.content['application/json']?.schema).toMatchObject({ type: 'object' });
    expect(body.content['application/json']?.example).toEqual({});
  });

  it('answers 200 as documented and 400, 401 and 404 as assumed, with the Autozod error body', () => {
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '404']);
    expect(response('200')['x-standin-assumed']).toBeUndefined();
    for (const status of ['400', '401', '404']) {
      expect(response(status)['x-standin-assumed'], status).toBe(true);
      expect(json(status).schema).toMatchObject({
        type: 'object',
        required: ['success', 'message', 'code'],
        'x-standin-assumed': true,
        properties: {
          success: { type: 'boolean', enum: [false] },
          message: { type: 'string' },
          code: { type: 'string' },
          parameter: { type: 'string' },
        },
      });
    }
  });

  it('requires the seven documented summary fields with their types', () => {
    const body = json('200').schema as OpenAPIV3.SchemaObject;
    expect(body.required).toEqual(['success', 'data']);
    const data = body.properties?.data as OpenAPIV3.SchemaObject;
    expect(data.required).toEqual(['summary', 'daily_breakdown']);
    const summary = data.properties?.summary as OpenAPIV3.SchemaObject;
    expect(summary.required).toEqual(SUMMARY_FIELDS);
    expect(Object.keys(summary.properties ?? {})).toEqual(SUMMARY_FIELDS);
    const types = Object.fromEntries(
      Object.entries(summary.properties ?? {}).map(([k, v]) => [
        k,
        [(v as OpenAPIV3.SchemaObject).type, (v as OpenAPIV3.SchemaObject).format],
      ]),
    );
    expect(types).toEqual({
      total_active_duration_seconds: ['integer', undefined],
      total_active_duration_format: ['string', 'duration-hms'],
      total_session_count: ['integer', undefined],
      total_inactive_duration_seconds: ['integer', undefined],
      total_inactive_duration_format: ['string', 'duration-hms'],
      active_percentage: ['number', undefined],
      inactive_percentage: ['number', undefined],
    });
  });

  it('marks the daily_breakdown item shape as assumed, since the doc shows only [null]', () => {
    const data = (json('200').schema as OpenAPIV3.SchemaObject).properties?.data as OpenAPIV3.SchemaObject;
    const breakdown = data.properties?.daily_breakdown as OpenAPIV3.ArraySchemaObject;
    const item = breakdown.items as Extended<OpenAPIV3.SchemaObject>;
    expect(item['x-standin-assumed']).toBe(true);
    expect(item.nullable).toBeUndefined();
    expect(item.required).toEqual([
      'date',
      'active_duration_seconds',
      'active_duration_format',
      'inactive_duration_seconds',
      'inactive_duration_format',
      'session_count',
      'sessions',
    ]);
    const sessions = item.properties?.sessions as OpenAPIV3.ArraySchemaObject;
    const session = sessions.items as Extended<OpenAPIV3.SchemaObject>;
    expect(session['x-standin-assumed']).toBe(true);
    expect(session.required).toEqual(['agent_id', 'start', 'end', 'duration_seconds']);
    expect(session.properties).toMatchObject({
      agent_id: { format: 'objectid' },
      start: { format: 'date-time' },
      end: { format: 'date-time' },
      duration_seconds: { type: 'integer' },
    });
  });

  it("keeps the vendor's example verbatim, flagged as not validating, and it indeed does not", () => {
    const vendor = example('200', 'vendorDocExample');
    expect(vendor.value).toEqual(VENDOR_EXAMPLE);
    expect(vendor['x-standin-example-invalid']).toBe(true);
    expect(vendor.description).toContain('[null]');
    const check = schemaValidator(json('200').schema as OpenAPIV3.SchemaObject);
    expect(check(vendor.value)).toBe(false);
    expect([...new Set(check.errors?.map((e) => e.instancePath))].sort()).toEqual([
      '/data/daily_breakdown/0',
      '/data/summary/total_active_duration_format',
      '/data/summary/total_inactive_duration_format',
    ]);
  });

  it('has every other example validate against its own schema', () => {
    let count = 0;
    for (const status of Object.keys(op.responses)) {
      const media = json(status);
      const check = schemaValidator(media.schema as OpenAPIV3.SchemaObject);
      for (const [name, value] of Object.entries(media.examples ?? {})) {
        const ex = value as Extended<OpenAPIV3.ExampleObject>;
        if (ex['x-standin-example-invalid'] === true) continue;
        count += 1;
        expect(check(ex.value), `${status} ${name}: ${JSON.stringify(check.errors)}`).toBe(true);
      }
    }
    expect(count).toBe(6);
  });

  it('gives a valid example that obeys its own summary rules', () => {
    const body = example('200', 'twoDaysOneAgent').value as Body;
    const { summary, daily_breakdown: days } = body.data;
    expect(days.map((d) => d.date)).toEqual(['21-08-2025', '22-08-2025']);
    const sum = (pick: (d: Day) => number) => days.reduce((n, d) => n + pick(d), 0);
    expect(summary.total_active_duration_seconds).toBe(sum((d) => d.active_duration_seconds));
    expect(summary.total_inactive_duration_seconds).toBe(sum((d) => d.inactive_duration_seconds));
    expect(summary.total_session_count).toBe(sum((d) => d.session_count));
    for (const d of days) {
      expect(d.active_duration_seconds + d.inactive_duration_seconds).toBe(86_400);
      expect(d.session_count).toBe(d.sessions.length);
      expect(d.active_duration_seconds).toBe(d.sessions.reduce((n, s) => n + s.duration_seconds, 0));
      expect(d.active_duration_format).toBe(hms(d.active_duration_seconds));
      expect(d.inactive_duration_format).toBe(hms(d.inactive_duration_seconds));
      for (const s of d.sessions)
        expect((Date.parse(s.end) - Date.parse(s.start)) / 1000).toBe(s.duration_seconds);
    }
    expect(summary.total_active_duration_format).toBe(hms(32_400));
    expect(summary.total_inactive_duration_format).toBe('39:00:00');
    expect(summary.active_percentage).toBe(18.75);
    expect(Number(summary.active_percentage) + Number(summary.inactive_percentage)).toBe(100);
  });

  it('lists every rule a schema cannot express, all assumed', () => {
    const list = op['x-standin-rules'] as Rule[];
    expect(list.map((r) => r.id)).toEqual([
      'invalid-parameters',
      'range-max-366-days',
      'check-order',
      'bearer-token',
      'unknown-agent',
      'unknown-team',
      'unknown-parameters',
      'team-aggregate',
      'one-item-per-day',
      'day-is-86400-per-agent',
      'summary-is-sum-of-breakdown',
      'percentages',
      'duration-format',
      'sessions-within-a-day',
      'duration-seconds-whole',
      'get-with-body',
      'head',
      'method-not-allowed',
    ]);
    for (const r of list) {
      expect(r.assumed, r.id).toBe(true);
      expect(r.rule.length, r.id).toBeGreaterThan(20);
    }
  });

  it('limits the range to 366 days, refused with PERIOD_TOO_LONG on end_date, and says so in an example', () => {
    const byId = new Map((op['x-standin-rules'] as Rule[]).map((r) => [r.id, r.rule]));
    expect(byId.get('range-max-366-days')).toContain('at most 366 days, both ends counted');
    expect(byId.get('range-max-366-days')).toContain('PERIOD_TOO_LONG naming `end_date`');
    expect(example('400', 'periodTooLong').value).toEqual({
      success: false,
      message: 'start_date to end_date covers 367 days; at most 366 are allowed',
      code: 'PERIOD_TOO_LONG',
      parameter: 'end_date',
    });
  });

  it('spells out, as assumed rules, the choices the mock makes where the doc is silent', () => {
    const byId = new Map((op['x-standin-rules'] as Rule[]).map((r) => [r.id, r.rule]));
    expect(byId.get('invalid-parameters')).toContain('missing or empty `team_id`');
    expect(byId.get('invalid-parameters')).toContain('an empty one included');
    expect(byId.get('check-order')).toContain(
      'the token (401), `team_id`, `agent_id`, `type`, `start_date`, `end_date`',
    );
    expect(byId.get('unknown-agent')).toContain('"agent <id> is not in team <team>"');
    expect(byId.get('get-with-body')).toContain('malformed JSON');
    expect(byId.get('duration-seconds-whole')).toContain('rounded down');
    expect(byId.get('percentages')).toContain('whole hundredths');
    expect(byId.get('method-not-allowed')).toContain('Allow: GET, HEAD');
    // A GET never receives the 405, so it is a rule and not one of the operation's responses.
    expect(Object.keys(op.responses)).not.toContain('405');
  });

  it('sends WWW-Authenticate: Bearer realm="autozod" with every 401, marked assumed', () => {
    const header = response('401').headers?.['WWW-Authenticate'] as Extended<OpenAPIV3.HeaderObject>;
    expect(header['x-standin-assumed']).toBe(true);
    expect(header.schema).toEqual({ type: 'string', enum: ['Bearer realm="autozod"'] });
  });
});
