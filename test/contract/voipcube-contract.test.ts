import { readFileSync } from 'node:fs';
import { compileErrors, dereference, validate } from '@readme/openapi-parser';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Self-contained on purpose: src/contract/ (the loader) is written in parallel, and this suite
// pins the contract document itself, independently of how the loader reads it.
const CONTRACT = new URL('../../contracts/voipcube.yaml', import.meta.url);
const addFormats = addFormatsModule.default;

/** The example response of voipcube-user-status-logs.txt, copied by hand from the doc. */
const VENDOR_EXAMPLE = [
  {
    status: 'Customer visit',
    userId: '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
    time: '2023-07-19T12:58:19.282Z',
  },
  {
    status: 'Researching problem',
    userId: '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e',
    time: '2023-07-19T13:11:22.600Z',
  },
  { status: 'Available', userId: 'ebd1a29a-8980-404c-9def-cd54865abdc1', time: '2023-07-19T13:12:55.243Z' },
  { status: '', userId: 'ebd1a29a-8980-404c-9def-cd54865abdc1', time: '2023-07-19T13:24:04.569Z' },
  { status: 'Available', userId: '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e', time: '2023-07-19T13:41:24.075Z' },
];

type Extended<T> = T & Record<`x-${string}`, unknown>;
interface Rule {
  id: string;
  rule: string;
  assumed: boolean;
  doc?: string;
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

function rules(): Rule[] {
  return op['x-standin-rules'] as Rule[];
}

/** Ajv for examples; the custom format here mirrors contracts/README.md. */
function schemaValidator(schema: OpenAPIV3.SchemaObject) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('date-or-date-time', /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/);
  return ajv.compile(schema);
}

beforeAll(async () => {
  raw = parse(readFileSync(CONTRACT, 'utf8')) as OpenAPIV3.Document;
  doc = await dereference(structuredClone(raw));
  op = doc.paths['/stats/user-statuses']?.get as Extended<OpenAPIV3.OperationObject>;
});

describe('contracts/voipcube.yaml', () => {
  it('is a valid OpenAPI 3.0.3 document without warnings', async () => {
    const result = await validate(structuredClone(raw));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(raw.openapi).toBe('3.0.3');
  });

  it('serves GET /stats/user-statuses as getUserStatuses on the documented host', () => {
    expect(raw.servers?.map((s) => s.url)).toEqual(['https://customer.voipcube.nl']);
    expect(Object.keys(doc.paths)).toEqual(['/stats/user-statuses']);
    expect(Object.keys(doc.paths['/stats/user-statuses'] ?? {})).toEqual(['get']);
    expect(op.operationId).toBe('getUserStatuses');
  });

  it('authenticates with an API key in the Key header', () => {
    expect(doc.components?.securitySchemes).toMatchObject({
      apiKey: { type: 'apiKey', in: 'header', name: 'Key' },
    });
    expect(Object.keys(doc.components?.securitySchemes ?? {})).toEqual(['apiKey']);
    expect(op.security).toEqual([{ apiKey: [] }]);
    expect(raw.security).toEqual([{ apiKey: [] }]);
  });

  it('takes exactly from, to, userIds[], page and size, in that order', () => {
    expect((op.parameters as OpenAPIV3.ParameterObject[]).map((p) => [p.name, p.in, p.required])).toEqual([
      ['from', 'query', true],
      ['to', 'query', true],
      ['userIds[]', 'query', false],
      ['page', 'query', false],
      ['size', 'query', false],
    ]);
  });

  it('accepts from and to as a date or an RFC 3339 date-time, by format and by pattern', () => {
    for (const name of ['from', 'to']) {
      const { schema } = param(name);
      expect(schema.type).toBe('string');
      expect(schema.format).toBe('date-or-date-time');
      const pattern = new RegExp(schema.pattern ?? '');
      for (const good of [
        '2023-05-29',
        '2023-05-29T15:02:10Z',
        '2023-07-19T12:58:19.282Z',
        '2023-05-29T15:02:10+02:00',
      ])
        expect(pattern.test(good), `${name} ${good}`).toBe(true);
      for (const bad of [
        '29-05-2023',
        '2023-13-01',
        '2023-05-29 15:02:10',
        '2023-05-29T15:02',
        '2023-05-29T24:00:00Z',
        'yesterday',
        '',
      ])
        expect(pattern.test(bad), `${name} ${bad}`).toBe(false);
    }
    expect(param('from').description).toContain('if not provided 00:00:00 is assumed');
  });

  it('takes userIds[] as a repeated form parameter of UUIDs', () => {
    const p = param('userIds[]');
    expect(p.style).toBe('form');
    expect(p.explode).toBe(true);
    expect(p.schema.type).toBe('array');
    expect((p.schema as OpenAPIV3.ArraySchemaObject).items).toMatchObject({ type: 'string', format: 'uuid' });
    expect(p.example).toEqual([
      '1d0abaa0-f0f8-42b3-b0f5-d755d33cf3fd',
      'ebd1a29a-8980-404c-9def-cd54865abdc1',
    ]);
  });

  it('bounds page and size at 1 but marks that invalid values fall back to 1 and 25, never 400', () => {
    expect(param('page').schema).toEqual({ type: 'integer', minimum: 1 });
    expect(param('size').schema).toEqual({ type: 'integer', minimum: 1 });
    expect(param('page')['x-standin-fallback']).toBe(1);
    expect(param('size')['x-standin-fallback']).toBe(25);
    // No default: without page and size pagination is off, so neither has a value then.
    expect(param('page').schema.default).toBeUndefined();
    expect(param('size').schema.default).toBeUndefined();
  });

  it('answers 200 as documented and 400 and 401 as assumed, all in JSON', () => {
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401']);
    expect(response('200')['x-standin-assumed']).toBeUndefined();
    expect(response('400')['x-standin-assumed']).toBe(true);
    expect(response('401')['x-standin-assumed']).toBe(true);
    for (const status of ['400', '401']) {
      expect(json(status).schema).toMatchObject({
        type: 'object',
        required: ['message', 'code'],
        'x-standin-assumed': true,
        properties: { message: { type: 'string' }, code: { type: 'string' }, parameter: { type: 'string' } },
      });
    }
  });

  it('describes a 200 body as an array of status, userId and time, all required', () => {
    expect(json('200').schema).toMatchObject({
      type: 'array',
      items: {
        type: 'object',
        required: ['status', 'userId', 'time'],
        properties: {
          status: { type: 'string' },
          userId: { type: 'string', format: 'uuid' },
          time: { type: 'string', format: 'date-time' },
        },
      },
    });
  });

  it("carries the vendor's example response verbatim, and it validates", () => {
    const example = json('200').examples?.vendorDocExample as OpenAPIV3.ExampleObject;
    expect(example.value).toEqual(VENDOR_EXAMPLE);
    const check = schemaValidator(json('200').schema as OpenAPIV3.SchemaObject);
    expect(check(example.value), JSON.stringify(check.errors)).toBe(true);
  });

  it('has only examples that validate against their own schema', () => {
    let count = 0;
    for (const status of Object.keys(op.responses)) {
      const media = json(status);
      const check = schemaValidator(media.schema as OpenAPIV3.SchemaObject);
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        count += 1;
        const value = (example as OpenAPIV3.ExampleObject).value;
        expect(check(value), `${status} ${name}: ${JSON.stringify(check.errors)}`).toBe(true);
      }
    }
    expect(count).toBe(7);
    const check = schemaValidator(json('400').schema as OpenAPIV3.SchemaObject);
    expect(check({ message: 'x' })).toBe(false);
  });

  it('lists every rule a schema cannot express, quoting the doc where it speaks', () => {
    const list = rules();
    expect(list.map((r) => [r.id, r.assumed])).toEqual([
      ['period-max-one-year', true],
      ['date-only-is-midnight', false],
      ['to-not-before-from', true],
      ['missing-or-unparseable-dates', true],
      ['date-time-form', true],
      ['check-order', true],
      ['key-check', true],
      ['inclusive-range', true],
      ['order-time-then-user', true],
      ['user-ids-filter', true],
      ['pagination-off-by-default', false],
      ['page-fallback', false],
      ['size-fallback', false],
      ['whole-number-spelling', true],
      ['page-past-end-empty', true],
      ['unknown-parameters', true],
      ['response-encoding', true],
      ['head', true],
      ['method-not-allowed', true],
      ['cleared-status', true],
    ]);
    const byId = new Map(list.map((r) => [r.id, r]));
    expect(byId.get('period-max-one-year')?.doc).toContain(
      'A maximum period of 1 year worth of logs can be retrieved from the API.',
    );
    expect(byId.get('period-max-one-year')?.rule).toContain('exactly one year passes');
    expect(byId.get('page-fallback')?.doc).toContain('it will default to a value of 1');
    expect(byId.get('size-fallback')?.doc).toContain('it will default to a value of 25');
    expect(byId.get('page-fallback')?.rule).toContain('never a 400');
    for (const r of list) {
      expect(r.rule.length, r.id).toBeGreaterThan(20);
      if (!r.assumed) expect(r.doc, `${r.id} is documented, so it quotes the doc`).toBeTruthy();
    }
  });

  it('spells out, as assumed rules, the choices the mock makes where the doc is silent', () => {
    const byId = new Map(rules().map((r) => [r.id, r]));
    const text = (id: string) => byId.get(id)?.rule ?? '';
    expect(text('period-max-one-year')).toContain('one millisecond more fails');
    expect(text('to-not-before-from')).toContain('equal to `from` is allowed');
    expect(text('missing-or-unparseable-dates')).toContain('missing or empty');
    for (const refused of ['`+0200`', 'lowercase `t` or `z`', '`24:00:00`', '`:60`', '`%2B`'])
      expect(text('date-time-form'), refused).toContain(refused);
    expect(text('date-time-form')).toContain('cut');
    expect(text('check-order')).toContain('(401, before any parameter)');
    expect(text('user-ids-filter')).toContain('Any UUID version');
    expect(text('user-ids-filter')).toContain('`userIds[0]=`');
    expect(text('whole-number-spelling')).toContain('`1e2`');
    expect(text('response-encoding')).toContain('application/json; charset=utf-8');
    expect(text('method-not-allowed')).toContain('Allow: GET, HEAD');
    // A GET never receives the 405, so it is a rule and not one of the operation's responses.
    expect(Object.keys(op.responses)).not.toContain('405');
  });

  it('shows in its error examples the messages a refused request gets', () => {
    const message = (status: string, name: string) =>
      ((json(status).examples![name] as OpenAPIV3.ExampleObject).value as { message: string }).message;
    expect(message('400', 'periodTooLong')).toBe(
      'the period from 2023-01-01 to 2024-01-01T00:00:00.001Z is longer than one year, the maximum the API serves: to must be at most 2024-01-01T00:00:00.000Z',
    );
    expect(message('401', 'missingKey')).toBe('the API key is missing: send it in the Key header');
    expect(message('401', 'wrongKey')).toBe('the API key in the Key header is not valid');
  });
});
