import { describe, expect, it } from 'vitest';
import { parsePrefer } from '../../src/http/prefer.ts';

describe('parsePrefer', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['return=minimal', null],
    ['code=503', { code: 503 }],
    ['delay=1500', { delayMs: 1500 }],
    ['fault=reset', { reset: true }],
    ['fault=RESET', { reset: true }],
    ['code=503, delay=100', { code: 503, delayMs: 100 }],
    ['delay=100,code=503', { code: 503, delayMs: 100 }],
    ['Code="404"; x=y', { code: 404 }],
    ['delay=20, fault=reset', { delayMs: 20, reset: true }],
    [['code=500', 'delay=5'], { code: 500, delayMs: 5 }],
    ['code=500, code=404', { code: 500 }],
    ['example=ok, dynamic=true, code=418', { code: 418 }],
  ])('%j → %j', (header, fault) => {
    expect(parsePrefer(header)).toEqual({ ok: true, fault });
  });

  it.each(['code=', 'code=5030', 'code=399', 'code=600', 'delay=1.5', 'delay=abc', 'fault=', 'fault=drop'])(
    '%j is a problem, not a fault',
    (header) => {
      const result = parsePrefer(header);
      expect(result.ok).toBe(false);
    },
  );
});
