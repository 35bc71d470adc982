import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/world/random.ts';
import {
  enneoDateTime,
  formatDay,
  isoMillis,
  isoSeconds,
  parseDay,
  weekday,
  weekendSeconds,
} from '../../src/world/time.ts';

const YEARS_2000_2100 = { min: 946_684_800_000, max: 4_102_444_799_999 };

describe('timestamp formatting', () => {
  it('formats milliseconds exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer(YEARS_2000_2100), (ms) => {
        expect(isoMillis(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('formats seconds as ISO without milliseconds and as Enneo YYYY-MM-DD HH:MM:SS', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: YEARS_2000_2100.min / 1000, max: Math.floor(YEARS_2000_2100.max / 1000) }),
        (sec) => {
          const iso = new Date(sec * 1000).toISOString();
          expect(isoSeconds(sec)).toBe(`${iso.slice(0, 19)}Z`);
          expect(enneoDateTime(sec)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`);
        },
      ),
    );
    expect(isoSeconds(1_718_185_860)).toBe('2024-06-12T09:51:00Z');
    expect(enneoDateTime(1_715_352_757)).toBe('2024-05-10 14:52:37');
  });

  it('parses calendar days and names their weekday', () => {
    const day = parseDay('2025-09-30');
    expect(formatDay(day)).toBe('2025-09-30');
    expect(weekday(day)).toBe(2);
    expect(weekday(parseDay('2025-09-28'))).toBe(0);
    expect(parseDay('2024-02-29') - parseDay('2024-02-28')).toBe(1);
    expect(() => parseDay('2023-02-29')).toThrow('anchor must be a real calendar day, got "2023-02-29"');
  });

  it('counts only Saturday and Sunday seconds as weekend', () => {
    const friday = parseDay('2025-09-26') * 86_400;
    expect(weekendSeconds(friday, friday + 86_400)).toBe(0);
    expect(weekendSeconds(friday + 86_000, friday + 3 * 86_400 + 100)).toBe(2 * 86_400);
    expect(weekendSeconds(friday + 86_400 + 10, friday + 86_400 + 70)).toBe(60);
  });
});

describe('Random', () => {
  it('repeats its sequence for the same seed and labels, and differs for others', () => {
    const draw = (...parts: (string | number)[]) => {
      const rng = new Random(...parts);
      return Array.from({ length: 5 }, () => rng.uint32());
    };
    expect(draw(42, 'people')).toEqual(draw(42, 'people'));
    expect(draw(42, 'people')).not.toEqual(draw(42, 'tickets'));
    expect(draw(42, 'people')).not.toEqual(draw(43, 'people'));
  });

  it('draws integers within bounds and floats in [0, 1)', () => {
    const rng = new Random(1);
    for (let i = 0; i < 10_000; i++) {
      const n = rng.int(-3, 3);
      expect(n >= -3 && n <= 3 && Number.isInteger(n)).toBe(true);
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('formats valid UUID v4 values and lowercase hex', () => {
    const rng = new Random(9);
    for (let i = 0; i < 1_000; i++) {
      expect(rng.uuidV4()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(rng.hex(24)).toMatch(/^[0-9a-f]{24}$/);
    }
  });
});
