import { describe, expect, it } from 'vitest';
import {
  ajv,
  compileOpenApiSchema,
  convertAjvErrors,
  SchemaTranslationError,
} from '../../src/contract/index.ts';

/** Validates `value` against an OpenAPI 3.0 schema; returns `pointer rule expected` per problem. */
function check(schema: Record<string, unknown>, value: unknown): string[] {
  const validate = compileOpenApiSchema(schema);
  validate(value);
  return convertAjvErrors(validate.errors, value).map((p) => `${p.pointer || '/'} ${p.rule} ${p.expected}`);
}

describe('OpenAPI 3.0 nullable', () => {
  it('accepts null beside the declared type, and nothing else', () => {
    const schema = { type: 'string', nullable: true };
    expect(check(schema, null)).toEqual([]);
    expect(check(schema, 'a')).toEqual([]);
    expect(check(schema, 1)).toEqual(['/ type string or null']);
  });

  it('accepts null with an enum that does not list null', () => {
    const schema = { type: 'string', nullable: true, enum: ['asc', 'desc'] };
    expect(check(schema, null)).toEqual([]);
    expect(check(schema, 'desc')).toEqual([]);
    expect(check(schema, 'up')).toEqual(['/ enum one of asc, desc, null']);
  });

  it('refuses null when the schema is not nullable, with or without an enum', () => {
    expect(check({ type: 'string', enum: ['asc', 'desc'] }, null)).toEqual([
      '/ type string',
      '/ enum one of asc, desc',
    ]);
    expect(check({ type: 'integer', nullable: false }, null)).toEqual(['/ type integer']);
  });

  it('accepts null on a schema without a type (enum alone, or allOf)', () => {
    expect(check({ nullable: true, enum: ['a'] }, null)).toEqual([]);
    expect(check({ nullable: true, enum: ['a'] }, 'b')).toEqual(['/ enum one of a, null']);
    const combined = { nullable: true, allOf: [{ type: 'object', required: ['x'] }] };
    expect(check(combined, null)).toEqual([]);
    expect(check(combined, { x: 1 })).toEqual([]);
    // only the branch's own problem: no if/else bookkeeping
    expect(check(combined, {})).toEqual(['/x required required property x']);
  });

  it('accepts null for a nullable property inside an object', () => {
    const schema = {
      type: 'object',
      required: ['ticketId'],
      properties: { ticketId: { type: 'integer', nullable: true } },
    };
    expect(check(schema, { ticketId: null })).toEqual([]);
    expect(check(schema, { ticketId: '1' })).toEqual(['/ticketId type integer or null']);
  });
});

describe('OpenAPI 3.0 keywords', () => {
  it('compiles example, xml, externalDocs, discriminator, readOnly, writeOnly, deprecated and x-* without complaint', () => {
    const schema = {
      type: 'object',
      example: { kind: 'a' },
      xml: { name: 'thing' },
      externalDocs: { url: 'https://example.com' },
      discriminator: { propertyName: 'kind' },
      readOnly: true,
      writeOnly: false,
      deprecated: true,
      title: 'Thing',
      description: 'A thing',
      'x-standin-assumed': true,
      'x-anything-else': { nested: [1] },
      properties: { kind: { type: 'string', default: 'a', 'x-standin-fallback': 'a' } },
    };
    expect(check(schema, { kind: 'b' })).toEqual([]);
    expect(check(schema, { kind: 1 })).toEqual(['/kind type string']);
  });

  it('reads boolean exclusiveMinimum/exclusiveMaximum as OpenAPI 3.0 means them', () => {
    const schema = {
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    };
    expect(check(schema, 0.1)).toEqual([]);
    expect(check(schema, 0)).toEqual(['/ exclusiveMinimum greater than 0']);
    expect(check(schema, 10)).toEqual(['/ exclusiveMaximum less than 10']);
    expect(check({ type: 'number', minimum: 0, exclusiveMinimum: false }, 0)).toEqual([]);
  });

  it('knows the OpenAPI numeric formats', () => {
    expect(check({ type: 'integer', format: 'int32' }, 2 ** 31 - 1)).toEqual([]);
    expect(check({ type: 'integer', format: 'int32' }, 2 ** 31)).toEqual(['/ format format int32']);
    expect(check({ type: 'integer', format: 'int64' }, 2 ** 40)).toEqual([]);
    expect(check({ type: 'number', format: 'float' }, 1.5)).toEqual([]);
    expect(check({ type: 'number', format: 'double' }, -1.5)).toEqual([]);
  });

  it('refuses a misspelt keyword, an unknown format and a bad pattern, naming the place', () => {
    const place = (schema: Record<string, unknown>) => {
      try {
        compileOpenApiSchema(schema);
        return 'compiled';
      } catch (err) {
        expect(err).toBeInstanceOf(SchemaTranslationError);
        return `${(err as SchemaTranslationError).pointer} ${(err as Error).message}`;
      }
    };
    expect(place({ type: 'object', properties: { a: { type: 'string', format: 'nope' } } })).toBe(
      '/properties/a/format unknown format "nope"',
    );
    expect(place({ type: 'array', items: { type: 'string', pattern: '([a-z' } })).toMatch(
      /^\/items\/pattern invalid pattern: /,
    );
    expect(place({ type: 'integer', maximun: 3 })).toBe(' strict mode: unknown keyword: "maximun"');
  });
});

describe('custom formats', () => {
  const accepts = (format: string, value: string) => ajv.validate({ type: 'string', format }, value);

  it('enneo-datetime: YYYY-MM-DD HH:MM:SS naming a real day and time', () => {
    for (const ok of [
      '2024-05-10 14:52:37',
      '2024-02-29 00:00:00',
      '2025-12-31 23:59:59',
      '2000-02-29 12:00:00',
    ]) {
      expect(accepts('enneo-datetime', ok), ok).toBe(true);
    }
    for (const bad of [
      '2025-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '2024-04-31 10:00:00',
      '2024-13-01 00:00:00',
      '2024-05-10 24:00:00',
      '2024-05-10 14:60:00',
      '2024-05-10 14:52:60',
      '2024-05-10T14:52:37',
      '2024-05-10 14:52:37Z',
      '2024-05-10',
      '2024-5-10 14:52:37',
    ]) {
      expect(accepts('enneo-datetime', bad), bad).toBe(false);
    }
  });

  it('dd-mm-yyyy: a real calendar day, leap days included', () => {
    for (const ok of ['21-08-2025', '29-02-2024', '29-02-2000', '31-12-2025', '01-01-0001']) {
      expect(accepts('dd-mm-yyyy', ok), ok).toBe(true);
    }
    for (const bad of [
      '29-02-2025',
      '31-02-2025',
      '29-02-1900',
      '31-04-2025',
      '00-01-2025',
      '01-13-2025',
      '2025-08-21',
      '1-8-2025',
      '21/08/2025',
    ]) {
      expect(accepts('dd-mm-yyyy', bad), bad).toBe(false);
    }
  });

  it('duration-hms: hours of two or more digits, minutes and seconds below 60', () => {
    for (const ok of ['00:00:00', '09:00:00', '23:59:59', '123:59:59']) {
      expect(accepts('duration-hms', ok), ok).toBe(true);
    }
    for (const bad of ['9:00:00', '10:60:00', '10:00:60', '10:00', '-1:00:00', '01:00:00.5', 'string']) {
      expect(accepts('duration-hms', bad), bad).toBe(false);
    }
  });

  it('objectid: 24 lowercase hex digits', () => {
    expect(accepts('objectid', '68a6d35049a09719b70539b4')).toBe(true);
    for (const bad of [
      '68A6D35049A09719B70539B4',
      '68a6d35049a09719b70539b',
      '68a6d35049a09719b70539b40',
      'g8a6d35049a09719b70539b4',
    ]) {
      expect(accepts('objectid', bad), bad).toBe(false);
    }
  });

  it('date-or-date-time: a real YYYY-MM-DD or an RFC 3339 date-time', () => {
    for (const ok of [
      '2023-05-29',
      '2024-02-29',
      '2023-05-29T15:02:10Z',
      '2023-07-19T12:58:19.282Z',
      '2023-05-29T15:02:10+02:00',
    ]) {
      expect(accepts('date-or-date-time', ok), ok).toBe(true);
    }
    for (const bad of [
      '2023-02-29',
      '2023-05-32',
      '2023-05-29T15:02:10',
      '2023-05-29T25:02:10Z',
      '29-05-2023',
      '2023-05',
    ]) {
      expect(accepts('date-or-date-time', bad), bad).toBe(false);
    }
  });

  it('the standard date, date-time and uuid formats come from ajv-formats', () => {
    expect(accepts('date', '2024-02-29')).toBe(true);
    expect(accepts('date', '2025-02-29')).toBe(false);
    expect(accepts('date-time', '2023-07-19T12:58:19.282Z')).toBe(true);
    expect(accepts('date-time', '2024-05-10 14:52:37')).toBe(false);
    expect(accepts('uuid', '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e')).toBe(true);
    expect(accepts('uuid', '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5')).toBe(false);
  });
});

describe('convertAjvErrors', () => {
  it('returns no problems for no errors', () => {
    expect(convertAjvErrors(null, {})).toEqual([]);
    expect(convertAjvErrors(undefined, {})).toEqual([]);
    expect(convertAjvErrors([], {})).toEqual([]);
  });

  it('escapes property names in pointers and reads the actual value through them', () => {
    const schema = { type: 'object', required: ['a/b'], properties: { 'x~y': { type: 'integer' } } };
    const validate = compileOpenApiSchema(schema);
    const data = { 'x~y': 'no' };
    validate(data);
    expect(convertAjvErrors(validate.errors, data)).toEqual([
      {
        pointer: '/a~1b',
        rule: 'required',
        expected: 'required property a/b',
        actual: 'missing',
        message: '/a~1b: expected required property a/b, found missing',
      },
      {
        pointer: '/x~0y',
        rule: 'type',
        expected: 'integer',
        actual: '"no"',
        message: '/x~0y: expected integer, found "no"',
      },
    ]);
  });

  it('puts a base pointer in front of every pointer', () => {
    const validate = compileOpenApiSchema({
      type: 'object',
      properties: { n: { type: 'integer', maximum: 2 } },
    });
    validate({ n: 3 });
    expect(convertAjvErrors(validate.errors, { n: 3 }, '/9').map((p) => p.message)).toEqual([
      '/9/n: expected at most 2, found 3',
    ]);
  });
});
