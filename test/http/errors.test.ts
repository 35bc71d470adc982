import { describe, expect, it } from 'vitest';
import { apiError, ERROR_CATALOG, toApiError } from '../../src/http/errors.ts';

describe('error catalog', () => {
  it('gives every code a 4xx or 5xx status and a title', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOG)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.status, code).toBeLessThan(600);
      expect(entry.title.length, code).toBeGreaterThan(0);
    }
  });

  it('takes the status from the catalog unless one is given', () => {
    expect(apiError('INVALID_PARAMETER', 'x', { parameter: 'limit' })).toMatchObject({
      status: 400,
      code: 'INVALID_PARAMETER',
      parameter: 'limit',
    });
    expect(apiError('INJECTED_FAULT', 'x', { status: 502 }).status).toBe(502);
  });
});

describe('errors thrown by libraries', () => {
  it('a body the JSON parser refuses is MALFORMED_BODY, a path the router cannot decode is INVALID_PARAMETER', () => {
    expect(
      toApiError({ status: 400, type: 'entity.parse.failed', message: 'Unexpected token' }),
    ).toMatchObject({
      code: 'MALFORMED_BODY',
      status: 400,
      message: 'the request body is not valid JSON',
    });
    expect(toApiError({ status: 400, message: "Failed to decode param '%E0%A4%A'" })).toMatchObject({
      code: 'INVALID_PARAMETER',
      status: 400,
      message: "Failed to decode param '%E0%A4%A'",
    });
    expect(toApiError({ status: 413, type: 'entity.too.large' })).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(toApiError(new Error('boom'))).toMatchObject({
      code: 'INTERNAL',
      status: 500,
      message: 'internal error',
    });
  });
});
