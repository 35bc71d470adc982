/**
 * A small, fast, seeded PRNG (sfc32) for the bulk of the world. Faker is used for names only:
 * it is far too slow per row and its output depends on its own version's word lists.
 */

/**
 * Hashes a seed and labels into a 32-bit state word (cyrb53-style mixing), so that every part of
 * the world draws from its own stream: adding tickets never changes people or schedules.
 */
export function hashSeed(...parts: readonly (string | number)[]): number {
  const text = parts.join('\u0000');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

/** A cumulative weight table for {@link Random.weighted}. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  readonly cumulative: readonly number[];
  readonly total: number;
}

/** Builds a table once so that weighted draws in hot loops do no allocation. */
export function weightedTable<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight > 0)) throw new Error(`weightedTable: weight of ${String(value)} must be positive`);
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  if (values.length === 0) throw new Error('weightedTable: no entries');
  return { values, cumulative, total };
}

/** sfc32 seeded from {@link hashSeed}(...parts). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...parts: readonly (string | number)[]) {
    this.a = hashSeed(...parts, 'a');
    this.b = hashSeed(...parts, 'b');
    this.c = hashSeed(...parts, 'c');
    this.d = 1;
    // The first outputs of sfc32 are poorly mixed.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Random.pick: empty list');
    return item;
  }

  weighted<T>(table: WeightedTable<T>): T {
    const x = this.next() * table.total;
    const { cumulative, values } = table;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  }

  /** An exponentially distributed value with the given mean (waiting times). */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.uint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A random RFC 4122 version-4 UUID (version nibble 4, variant bits 10). */
  uuidV4(): string {
    const h = this.hex(32);
    const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
