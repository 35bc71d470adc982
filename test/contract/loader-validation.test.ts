import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Operation } from '../../src/contract/index.ts';

const file = fileURLToPath(new URL('./fixtures/loader/valid.yaml', import.meta.url));
const JSON_TYPE = 'application/json';

let logs: Operation;
let summary: Operation;

beforeAll(async () => {
  const contract = await loadContract(file);
  logs = contract.operationById('listItemLogs');
  summary = contract.operationById('getSummary');
});

const row = {
  id: 1,
  date: '2024-05-10 14:52:37',
  duration: 30,
  status: 'open',
  email: 'ann@example.com',
  agentId: '68a6d35049a09719b70539b4',
  day: '29-02-2024',
  length: '100:02:03',
  channel: 'phone',
  note: null,
  tags: ['a', 'b'],
};

describe('validateItem: one row of an array body', () => {
  it('accepts a row that keeps the contract', () => {
    expect(logs.validateItem(200, JSON_TYPE, row, 0)).toEqual([]);
    expect(logs.validateItem('200', JSON_TYPE, { ...row, channel: null, meta: { source: 'x' } })).toEqual([]);
  });

  it('reports a wrong type at /<index>/<field> quoting the value', () => {
    expect(logs.validateItem(200, JSON_TYPE, { ...row, duration: 'abc' }, 0)).toEqual([
      {
        pointer: '/0/duration',
        rule: 'type',
        expected: 'integer',
        actual: '"abc"',
        message: '/0/duration: expected integer, found "abc"',
      },
    ]);
  });

  it('leaves the index out of the pointer when none is given', () => {
    expect(logs.validateItem(200, JSON_TYPE, { ...row, duration: -1 })).toEqual([
      {
        pointer: '/duration',
        rule: 'minimum',
        expected: 'at least 0',
        actual: '-1',
        message: '/duration: expected at least 0, found -1',
      },
    ]);
  });

  it('names a missing required property in the pointer', () => {
    const { status: _, ...withoutStatus } = row;
    expect(logs.validateItem(200, JSON_TYPE, withoutStatus, 7)).toEqual([
      {
        pointer: '/7/status',
        rule: 'required',
        expected: 'required property status',
        actual: 'missing',
        message: '/7/status: expected required property status, found missing',
      },
    ]);
  });

  it('lists the allowed values of an enum, null included when the field is nullable', () => {
    const problems = logs.validateItem(200, JSON_TYPE, { ...row, status: 'pending', channel: 'fax' }, 2);
    expect(problems.map((p) => [p.pointer, p.rule, p.expected, p.actual])).toEqual([
      ['/2/status', 'enum', 'one of open, closed', '"pending"'],
      ['/2/channel', 'enum', 'one of email, phone, null', '"fax"'],
    ]);
  });

  it('reports a custom format once, not also its pattern', () => {
    const problems = logs.validateItem(200, JSON_TYPE, { ...row, date: 'yesterday', agentId: 'ABC' }, 0);
    expect(problems.map((p) => [p.pointer, p.rule, p.expected, p.actual])).toEqual([
      ['/0/date', 'format', 'format enneo-datetime', '"yesterday"'],
      ['/0/agentId', 'format', 'format objectid', '"ABC"'],
    ]);
  });

  it('rejects an impossible calendar date that the pattern alone would let through', () => {
    const problems = logs.validateItem(200, JSON_TYPE, {
      ...row,
      date: '2025-02-29 10:00:00',
      day: '31-04-2024',
    });
    expect(problems.map((p) => [p.pointer, p.rule, p.expected])).toEqual([
      ['/date', 'format', 'format enneo-datetime'],
      ['/day', 'format', 'format dd-mm-yyyy'],
    ]);
  });

  it('names an undocumented property and quotes its value', () => {
    expect(logs.validateItem(200, JSON_TYPE, { ...row, secret: 'x' }, 1)).toEqual([
      {
        pointer: '/1/secret',
        rule: 'additionalProperties',
        expected: 'no property secret',
        actual: '"x"',
        message: '/1/secret: expected no property secret, found "x"',
      },
    ]);
  });

  it('reports length, item count, uniqueness and int32 bounds', () => {
    const problems = logs.validateItem(
      200,
      JSON_TYPE,
      { ...row, id: 2 ** 31, note: 'too long', tags: ['a', 'b', 'a', 'c'] },
      3,
    );
    expect(problems.map((p) => [p.pointer, p.rule, p.expected, p.actual])).toEqual([
      ['/3/id', 'format', 'format int32', '2147483648'],
      ['/3/note', 'maxLength', 'at most 5 characters', '"too long"'],
      ['/3/tags', 'maxItems', 'at most 3 items', '["a","b","a","c"]'],
      ['/3/tags', 'uniqueItems', 'unique items', 'items 2 and 0 are equal'],
    ]);
  });

  it('cuts a long actual value to about 80 characters', () => {
    const [problem] = logs.validateItem(200, JSON_TYPE, { ...row, duration: 'x'.repeat(200) });
    expect(problem?.actual).toBe(`"${'x'.repeat(78)}…`);
    expect(problem?.actual.length).toBe(80);
  });

  it('checks oneOf alternatives (discriminator is only an annotation)', () => {
    expect(logs.validateItem(200, JSON_TYPE, { ...row, shape: { kind: 'circle', r: 1 } })).toEqual([]);
    const problems = logs.validateItem(200, JSON_TYPE, { ...row, shape: { kind: 'triangle' } });
    expect(problems.map((p) => [p.pointer, p.rule, p.expected])).toEqual([
      ['/shape/r', 'required', 'required property r'],
      ['/shape/kind', 'enum', 'one of circle'],
      ['/shape/side', 'required', 'required property side'],
      ['/shape/kind', 'enum', 'one of square'],
      ['/shape', 'oneOf', 'a value matching exactly one alternative'],
    ]);
  });

  it('says so when the response is not an array', () => {
    expect(logs.validateItem(200, 'text/csv', 'a,b', 4)).toEqual([
      {
        pointer: '/4',
        rule: 'items',
        expected: 'an array schema for this response',
        actual: 'string schema',
        message: '/4: expected an array schema for this response, found string schema',
      },
    ]);
  });
});

describe('validateResponse: a whole body', () => {
  it('accepts a valid array body and reports an invalid item at its index', () => {
    expect(logs.validateResponse(200, JSON_TYPE, [row, row])).toEqual([]);
    const problems = logs.validateResponse(200, JSON_TYPE, [row, { ...row, duration: '5' }]);
    expect(problems.map((p) => p.message)).toEqual(['/1/duration: expected integer, found "5"']);
  });

  it('reports a body of the wrong shape at the root', () => {
    expect(logs.validateResponse(200, JSON_TYPE, { rows: [] })).toEqual([
      {
        pointer: '',
        rule: 'type',
        expected: 'array',
        actual: '{"rows":[]}',
        message: '/: expected array, found {"rows":[]}',
      },
    ]);
  });

  it('matches the media type without its parameters and in any case', () => {
    expect(logs.validateResponse(200, 'Application/JSON; charset=utf-8', [row])).toEqual([]);
    expect(logs.validateResponse(200, 'text/csv; charset=utf-8', 'id\r\n1\r\n')).toEqual([]);
  });

  it('reports an undocumented status as one problem listing the documented ones', () => {
    expect(logs.validateResponse(404, JSON_TYPE, {})).toEqual([
      {
        pointer: '',
        rule: 'status',
        expected: 'one of the documented statuses 200, 400, 401, 5XX',
        actual: '404',
        message: '/: expected one of the documented statuses 200, 400, 401, 5XX, found 404',
      },
    ]);
  });

  it('reports an undocumented media type as one problem', () => {
    expect(logs.validateResponse(200, 'text/html', '<p>')).toEqual([
      {
        pointer: '',
        rule: 'mediaType',
        expected: 'one of application/json, text/csv',
        actual: '"text/html"',
        message: '/: expected one of application/json, text/csv, found "text/html"',
      },
    ]);
  });

  it('finds a status through its documented range, and says when that response has no body', () => {
    expect(logs.statuses()).toContain('5XX');
    expect(logs.validateResponse(503, JSON_TYPE, {}).map((p) => [p.rule, p.expected])).toEqual([
      ['mediaType', 'no body'],
    ]);
  });

  it('validates nested objects, bounds and a nullable allOf', () => {
    const body = { success: true, data: { total: 3, percentage: 50, breakdown: [], extra: null } };
    expect(summary.validateResponse(200, JSON_TYPE, body)).toEqual([]);
    expect(
      summary.validateResponse(200, JSON_TYPE, { ...body, data: { ...body.data, extra: { note: 'n' } } }),
    ).toEqual([]);
    const bad = {
      success: 'yes',
      data: { total: -1, percentage: 100.5, breakdown: [{ day: '2025-08-21' }], extra: {} },
    };
    expect(
      summary.validateResponse(200, JSON_TYPE, bad).map((p) => [p.pointer, p.rule, p.expected, p.actual]),
    ).toEqual([
      ['/success', 'type', 'boolean', '"yes"'],
      ['/data/total', 'minimum', 'at least 0', '-1'],
      ['/data/percentage', 'maximum', 'at most 100', '100.5'],
      ['/data/breakdown/0/day', 'format', 'format dd-mm-yyyy', '"2025-08-21"'],
      ['/data/extra/note', 'required', 'required property note', 'missing'],
    ]);
  });

  it('checks an error body against its schema', () => {
    const body = { success: true, error: 'x', code: 'INVALID_PARAMETER' };
    expect(logs.validateResponse(400, JSON_TYPE, body).map((p) => p.message)).toEqual([
      '/success: expected one of false, found true',
    ]);
  });
});

describe('assumedPointers: which problems are about assumed behaviour', () => {
  it('is true for an assumed property and anything inside an assumed object', () => {
    const assumed = logs.assumedPointers(200, JSON_TYPE);
    expect(assumed('/0/email')).toBe(true);
    expect(assumed('/3/meta')).toBe(true);
    expect(assumed('/3/meta/source')).toBe(true);
    expect(assumed('/0/duration')).toBe(false);
    expect(assumed('/0/secret')).toBe(false);
    expect(assumed('')).toBe(false);
  });

  it('sorts the problems of an invalid row into assumed and documented ones', () => {
    const problems = logs.validateItem(200, JSON_TYPE, { ...row, email: 'not-an-email', duration: 'x' }, 0);
    const assumed = logs.assumedPointers(200, JSON_TYPE);
    expect(problems.filter((p) => assumed(p.pointer)).map((p) => p.pointer)).toEqual(['/0/email']);
    expect(problems.filter((p) => !assumed(p.pointer)).map((p) => p.pointer)).toEqual(['/0/duration']);
  });

  it('is true everywhere in a response marked assumed', () => {
    const assumed = logs.assumedPointers('400', JSON_TYPE);
    expect(assumed('')).toBe(true);
    expect(assumed('/code')).toBe(true);
  });

  it('follows nested arrays and is false for an undocumented status or media type', () => {
    const assumed = summary.assumedPointers(200, JSON_TYPE);
    expect(assumed('/data/breakdown')).toBe(true);
    expect(assumed('/data/breakdown/0/day')).toBe(true);
    expect(assumed('/data/total')).toBe(false);
    expect(summary.assumedPointers(404, JSON_TYPE)('/data')).toBe(false);
    expect(summary.assumedPointers(200, 'text/html')('/data')).toBe(false);
  });
});

describe('validateParameters: a request against the parameter rules', () => {
  const ok = {
    path: { itemId: '42' },
    query: {
      from: '2024-05-01',
      limit: '10',
      ratio: '0.5',
      orderByDirection: 'asc',
      'userIds[]': ['0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e', 'ebd1a29a-8980-404c-9def-cd54865abdc1'],
      includeDeleted: 'false',
    },
    header: { 'x-trace': 'abc' },
  };
  const withQuery = (query: Record<string, unknown>) => ({ ...ok, query: { ...ok.query, ...query } });
  const summarize = (input: Parameters<Operation['validateParameters']>[0]) =>
    logs.validateParameters(input).map((p) => [p.pointer, p.rule, p.expected, p.actual]);

  it('accepts string values that coerce to the declared types', () => {
    expect(logs.validateParameters(ok)).toEqual([]);
    expect(logs.validateParameters(withQuery({ from: '2024-05-01T10:00:00Z', limit: 1000 }))).toEqual([]);
  });

  it('does not change the input it is given', () => {
    const input = structuredClone(ok);
    logs.validateParameters(input);
    expect(input).toEqual(ok);
  });

  it('reports a missing required parameter, even with no values for its location', () => {
    const { from: _, ...query } = ok.query;
    expect(summarize({ ...ok, query })).toEqual([
      ['/query/from', 'required', 'required property from', 'missing'],
    ]);
    expect(summarize({})).toEqual([
      ['/query/from', 'required', 'required property from', 'missing'],
      ['/path/itemId', 'required', 'required property itemId', 'missing'],
    ]);
  });

  it('reports values out of bounds with the bound', () => {
    expect(summarize(withQuery({ limit: '1001' }))).toEqual([
      ['/query/limit', 'maximum', 'at most 1000', '1001'],
    ]);
    expect(summarize(withQuery({ limit: '0' }))).toEqual([['/query/limit', 'minimum', 'at least 1', '0']]);
    expect(summarize(withQuery({ ratio: '1' }))).toEqual([
      ['/query/ratio', 'exclusiveMaximum', 'less than 1', '1'],
    ]);
    expect(summarize({ ...ok, path: { itemId: '0' } })).toEqual([
      ['/path/itemId', 'minimum', 'at least 1', '0'],
    ]);
  });

  it('reports a value outside the enum', () => {
    expect(summarize(withQuery({ orderByDirection: 'up' }))).toEqual([
      ['/query/orderByDirection', 'enum', 'one of asc, desc', '"up"'],
    ]);
  });

  it('reports a value of the wrong type quoting the string sent', () => {
    expect(summarize(withQuery({ limit: 'ten' }))).toEqual([['/query/limit', 'type', 'integer', '"ten"']]);
    expect(summarize(withQuery({ limit: '1.5' }))).toEqual([['/query/limit', 'type', 'integer', '1.5']]);
    expect(summarize(withQuery({ limit: '' }))).toEqual([['/query/limit', 'type', 'integer', '""']]);
    expect(summarize(withQuery({ includeDeleted: 'yes' }))).toEqual([
      ['/query/includeDeleted', 'type', 'boolean', '"yes"'],
    ]);
  });

  it('reports a repeated single-valued parameter as the wrong type', () => {
    expect(summarize(withQuery({ limit: ['1', '2'] }))).toEqual([
      ['/query/limit', 'type', 'integer', '["1","2"]'],
    ]);
  });

  it('checks formats, and each item of an array parameter (a lone value counts as one item)', () => {
    expect(summarize(withQuery({ from: '2024-02-30' }))).toEqual([
      ['/query/from', 'format', 'format date-or-date-time', '"2024-02-30"'],
    ]);
    expect(summarize(withQuery({ 'userIds[]': 'not-a-uuid' }))).toEqual([
      ['/query/userIds[]/0', 'format', 'format uuid', '"not-a-uuid"'],
    ]);
  });

  it('matches header names in any case', () => {
    expect(summarize({ ...ok, header: { 'X-TRACE': 'way too long' } })).toEqual([
      ['/header/x-trace', 'maxLength', 'at most 8 characters', '"way too long"'],
    ]);
  });

  it('ignores parameters the operation does not define', () => {
    expect(logs.validateParameters(withQuery({ unknown: 'x' }))).toEqual([]);
  });

  it('tells which parameters are assumed, by problem pointer or by name', () => {
    expect(logs.isAssumedParameter('/header/x-trace')).toBe(true);
    expect(logs.isAssumedParameter('X-Trace')).toBe(true);
    expect(logs.isAssumedParameter('/query/limit')).toBe(false);
    expect(logs.isAssumedParameter('/query/X-Trace')).toBe(false);
  });
});
