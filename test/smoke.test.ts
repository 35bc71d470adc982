import { describe, expect, it } from 'vitest';
import { apiError, ERROR_CATALOG } from '../src/http/errors.ts';

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
