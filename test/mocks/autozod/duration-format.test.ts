import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../mocks/autozod/duration-format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '00:00:00'],
    [59, '00:00:59'],
    [3599, '00:59:59'],
    [3600, '01:00:00'],
    [86_400, '24:00:00'],
    [359_999, '99:59:59'],
    [360_000, '100:00:00'],
    [444_245, '123:24:05'],
    [36_000_000, '10000:00:00'],
  ])('formats %i seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('reads back to the same number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (seconds) => {
        const text = formatDuration(seconds);
        expect(text).toMatch(/^\d{2,}:[0-5]\d:[0-5]\d$/);
        const [h, m, s] = text.split(':').map(Number) as [number, number, number];
        expect(h * 3600 + m * 60 + s).toBe(seconds);
      }),
    );
  });

  it('refuses negative and fractional seconds', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(1.5)).toThrow(RangeError);
  });
});
