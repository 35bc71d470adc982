import { describe, expect, it } from 'vitest';
import { BytePool } from '../../src/http/byte-pool.ts';

describe('byte pool', () => {
  it('gives a buffer of exactly the size asked for, and reuses its memory once handed back', () => {
    const pool = new BytePool();
    const first = pool.acquire(100_000);
    expect(first.length).toBe(100_000);
    expect(first.buffer.byteLength).toBe(131_072);
    pool.release(first);
    expect(pool.idleBytes).toBe(131_072);
    const second = pool.acquire(120_000);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(120_000);
    expect(pool.idleBytes).toBe(0);
    // Memory still out is never given to anyone else.
    expect(pool.acquire(120_000).buffer).not.toBe(first.buffer);
  });

  it('leaves small buffers to Node and ignores buffers it did not give out', () => {
    const pool = new BytePool();
    const small = pool.acquire(1000);
    pool.release(small);
    pool.release(Buffer.alloc(100_000));
    pool.release(Buffer.from(new ArrayBuffer(262_144), 0, 100_000));
    expect(pool.idleBytes).toBe(0);
  });

  it('keeps no more idle memory than its bound', () => {
    const pool = new BytePool(300_000);
    const out = [pool.acquire(100_000), pool.acquire(100_000), pool.acquire(100_000)];
    for (const b of out) pool.release(b);
    expect(pool.idleBytes).toBe(262_144);
  });
});
