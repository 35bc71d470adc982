/**
 * Validation cost stays bounded whatever the body's size: a huge wrong body gives at most 100
 * problems and one saying what was left out, while a huge valid body is still checked whole.
 * (Once, ajv's allErrors made 10 MB of wrong items exhaust the heap of `standin verify`.)
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeValue, loadContract, type Operation, type Problem } from '../../src/contract/index.ts';

const file = fileURLToPath(new URL('./fixtures/loader/valid.yaml', import.meta.url));
const JSON_TYPE = 'application/json';
const LONG = 100_000;

let logs: Operation;
let summary: Operation;
let exportOp: Operation;

beforeAll(async () => {
  const contract = await loadContract(file);
  logs = contract.operationById('listItemLogs');
  summary = contract.operationById('getSummary');
  exportOp = (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
});

/** A row of the fixture's Row schema that keeps the contract. */
const row = {
  id: 1,
  date: '2024-05-10 14:52:37',
  duration: 30,
  status: 'open',
  tags: ['a', 'b'],
};
/** A Row breaking it five ways: four required members missing, one extra member. */
const garbage = { x: 'garbage1' };

const garbageProblems = (index: number): Problem[] => [
  ...['id', 'date', 'duration', 'status'].map((name) => ({
    pointer: `/${index}/${name}`,
    rule: 'required',
    expected: `required property ${name}`,
    actual: 'missing',
    message: `/${index}/${name}: expected required property ${name}, found missing`,
  })),
  {
    pointer: `/${index}/x`,
    rule: 'additionalProperties',
    expected: 'no property x',
    actual: '"garbage1"',
    message: `/${index}/x: expected no property x, found "garbage1"`,
  },
];

const notice = (pointer: string, actual: string): Problem => ({
  pointer,
  rule: 'truncated',
  expected: 'every problem listed',
  actual,
  message: `${pointer}: expected every problem listed, found ${actual}`,
});

describe('validateResponse on a huge body', () => {
  it('lists 100 problems of a 100,000-item wrong array, then one saying what was left out', () => {
    const problems = logs.validateResponse(200, JSON_TYPE, Array(LONG).fill(garbage));
    expect(problems).toEqual([
      ...Array.from({ length: 20 }, (_, i) => garbageProblems(i)).flat(),
      notice(
        '/20/id',
        '100 listed, at least 400 more not listed; only the first 100 failing items of 100000 were checked in detail',
      ),
    ]);
  });

  it('lists 100 problems of 100,000 wrong Enneo export rows, the first rows in full', () => {
    const perRow = exportOp.validateItem(200, JSON_TYPE, garbage, 0);
    expect(perRow.length).toBe(30);
    const problems = exportOp.validateResponse(200, JSON_TYPE, Array(LONG).fill(garbage));
    expect(problems).toHaveLength(101);
    expect(problems.slice(0, 30)).toEqual(perRow);
    expect(problems.at(-1)).toEqual(
      notice(
        exportOp.validateItem(200, JSON_TYPE, garbage, 3)[10]?.pointer ?? 'none',
        '100 listed, at least 2900 more not listed; only the first 100 failing items of 100000 were checked in detail',
      ),
    );
  });

  it('still answers [] for a valid 100,000-item array', () => {
    expect(logs.validateResponse(200, JSON_TYPE, Array(LONG).fill(row))).toEqual([]);
    const [example] = exportOp
      .examples()
      .filter((e) => e.status === '200' && e.mediaType === JSON_TYPE && !e.invalid);
    const exportRow = (example?.value as unknown[] | undefined)?.[0];
    expect(exportOp.validateItem(200, JSON_TYPE, exportRow)).toEqual([]);
    expect(exportOp.validateResponse(200, JSON_TYPE, Array(LONG).fill(exportRow))).toEqual([]);
  });

  it('still finds the one wrong item at the end of a long valid array, in full and with no notice', () => {
    const body = Array(LONG).fill(row);
    body[LONG - 1] = { ...row, duration: 'abc', status: 'pending' };
    expect(logs.validateResponse(200, JSON_TYPE, body).map((p) => p.message)).toEqual([
      '/99999/duration: expected integer, found "abc"',
      '/99999/status: expected one of open, closed, found "pending"',
    ]);
  });

  it('details wrong items past the first hundred at their own index', () => {
    const body = Array(LONG).fill(row);
    body[50_000] = garbage;
    body[70_000] = { ...row, duration: -1 };
    expect(logs.validateResponse(200, JSON_TYPE, body)).toEqual([
      ...garbageProblems(50_000),
      {
        pointer: '/70000/duration',
        rule: 'minimum',
        expected: 'at least 0',
        actual: '-1',
        message: '/70000/duration: expected at least 0, found -1',
      },
    ]);
  });

  it('reports a long array where an object belongs as one type problem quoting its start', () => {
    const body = Array(LONG).fill(garbage);
    const actual = `${JSON.stringify(body.slice(0, 10)).slice(0, 79)}…`;
    expect(summary.validateResponse(200, JSON_TYPE, body)).toEqual([
      {
        pointer: '',
        rule: 'type',
        expected: 'object',
        actual,
        message: `/: expected object, found ${actual}`,
      },
    ]);
  });

  it('cuts a long nested array, and the notice sits in the assumed part its problems are in', () => {
    const breakdown = Array.from({ length: LONG }, () => ({ day: 'x', seconds: 1 }));
    const problems = summary.validateResponse(200, JSON_TYPE, {
      success: true,
      data: { total: 1, breakdown },
    });
    expect(problems).toHaveLength(101);
    expect(problems[99]?.message).toBe('/data/breakdown/99/day: expected format dd-mm-yyyy, found "x"');
    expect(problems[100]).toEqual(
      notice(
        '/data/breakdown/99/day',
        '100 listed; only the first 100 members of each array and object, 10000 in all were checked in detail',
      ),
    );
    const assumed = summary.assumedPointers(200, JSON_TYPE);
    expect(problems.every((p) => assumed(p.pointer))).toBe(true);
  });
});

describe('validateResponse and validateItem on a small body with many problems', () => {
  it('lists the first 100 and counts the rest exactly', () => {
    const problems = logs.validateResponse(200, JSON_TYPE, Array(30).fill(garbage));
    expect(problems).toEqual([
      ...Array.from({ length: 20 }, (_, i) => garbageProblems(i)).flat(),
      notice('/20/id', '100 listed, 50 more not listed'),
    ]);
  });

  it('lists 100 of a row’s 5,000 extra members, then says the rest was not checked', () => {
    const wide: Record<string, unknown> = { ...row };
    for (let i = 0; i < 5000; i++) wide[`extra${i}`] = i;
    const problems = logs.validateItem(200, JSON_TYPE, wide, 4);
    expect(problems).toHaveLength(101);
    expect(problems[0]?.message).toBe('/4/extra0: expected no property extra0, found 0');
    expect(problems[99]?.message).toBe('/4/extra99: expected no property extra99, found 99');
    expect(problems[100]).toEqual(
      notice(
        '/4/extra99',
        '100 listed; only the first 100 members of each array and object, 10000 in all were checked in detail',
      ),
    );
  });

  it('reports maxItems of an array too long to copy, from the check over the whole row', () => {
    const tags = Array.from({ length: LONG }, (_, i) => `t${i}`);
    const problems = logs.validateItem(200, JSON_TYPE, { ...row, tags }, 0);
    expect(problems.map((p) => [p.pointer, p.rule, p.expected])).toEqual([
      ['/0/tags', 'maxItems', 'at most 3 items'],
      ['/0/tags', 'truncated', 'every problem listed'],
    ]);
    expect(problems[0]?.actual).toBe(`${JSON.stringify(tags.slice(0, 20)).slice(0, 79)}…`);
  });
});

describe('describeValue', () => {
  const reference = (value: unknown) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };

  it('renders any JSON value exactly as its JSON, cut to 80 characters', () => {
    const long = fc.string({ unit: 'binary', minLength: 70, maxLength: 200 });
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 2 }),
        long,
        fc.array(tie('node'), { maxLength: 60 }),
        fc.dictionary(fc.oneof(fc.string(), long, fc.constant('__proto__')), tie('node'), { maxKeys: 50 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(describeValue(v)).toBe(reference(v));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the old rendering of values JSON cannot write, and of undefined members', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe('[object Object]');
    expect(describeValue(10n)).toBe('10');
    expect(describeValue({ a: undefined, b: () => 1, c: [undefined, () => 1], d: new Date(0) })).toBe(
      reference({ a: undefined, b: () => 1, c: [undefined, () => 1], d: new Date(0) }),
    );
    expect(describeValue(undefined)).toBe('missing');
  });
});
