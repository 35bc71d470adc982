/**
 * Reusable output memory for answers built as bytes. A fresh 100 KB–1 MB buffer per answer is
 * memory the process has never touched (page faults) and external memory that V8 counts towards
 * its next garbage collection; a buffer handed back once its answer is written costs neither.
 */

/** Answers smaller than this come from Node's own small-buffer pool instead. */
const MIN_POOLED = 16 * 1024;
/** At most this many idle bytes are kept, over all sizes. */
const DEFAULT_MAX_IDLE_BYTES = 32 * 1024 * 1024;

/** The smallest power of two of at least `size` bytes: one free list per such size. */
function sizeClass(size: number): number {
  return 2 ** Math.ceil(Math.log2(size));
}

/** A bounded pool of output buffers, by power-of-two size. */
export class BytePool {
  readonly #free = new Map<number, ArrayBuffer[]>();
  readonly #maxIdleBytes: number;
  #idleBytes = 0;

  constructor(maxIdleBytes: number = DEFAULT_MAX_IDLE_BYTES) {
    this.#maxIdleBytes = maxIdleBytes;
  }

  /** Bytes kept idle for reuse. */
  get idleBytes(): number {
    return this.#idleBytes;
  }

  /**
   * A buffer of exactly `size` bytes, its contents undefined. Hand it back with `release` once
   * nothing reads it any more (for an answer: once the response has finished), or never.
   */
  acquire(size: number): Buffer {
    if (size < MIN_POOLED) return Buffer.allocUnsafe(size);
    const cls = sizeClass(size);
    const memory = this.#free.get(cls)?.pop();
    if (memory === undefined) return Buffer.from(new ArrayBuffer(cls), 0, size);
    this.#idleBytes -= cls;
    return Buffer.from(memory, 0, size);
  }

  /** Takes back a buffer `acquire` gave out; the caller must not touch it afterwards. */
  release(buffer: Buffer): void {
    const memory = buffer.buffer;
    const cls = memory.byteLength;
    if (buffer.length < MIN_POOLED || cls !== sizeClass(buffer.length) || !(memory instanceof ArrayBuffer))
      return;
    if (this.#idleBytes + cls > this.#maxIdleBytes) return;
    let list = this.#free.get(cls);
    if (list === undefined) {
      list = [];
      this.#free.set(cls, list);
    }
    list.push(memory);
    this.#idleBytes += cls;
  }
}
