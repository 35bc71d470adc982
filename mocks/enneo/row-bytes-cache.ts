/**
 * The export rows' rendered bytes, per format and projection, within a byte budget. Each
 * projection writes its rows into its own chunks of memory, so that evicting it frees that memory
 * for certain (bytes from Buffer.from share 8 KB slabs across projections, which would keep an
 * evicted projection's memory alive) and the size reported is the memory actually held.
 */

/** The default budget: the whole default world in two projections, a slice of a 1M-row world. */
export const DEFAULT_ROW_CACHE_BYTES = 128 * 2 ** 20;

/** Chunk size: large enough that a chunk holds ~200 rows, small enough to waste little. */
export const CHUNK_BYTES = 256 * 1024;

/** What the cache holds now: the budget, and how it is spent. */
export interface RowBytesCacheStats {
  /** The budget in bytes (chunks plus row tables). */
  limitBytes: number;
  /** Bytes held: the chunks the rows are written in, plus 8 bytes per row slot of each table. */
  bytes: number;
  /** Cached format–projection pairs (e.g. `json:full`), least recently used first. */
  projections: string[];
  /** Rows cached, over all projections. */
  rows: number;
  /** Projections evicted so far to stay within the budget. */
  evictions: number;
}

/** One projection's rows: a table of row bytes, written into chunks it owns. */
export class ProjectionRows {
  readonly #cache: RowBytesCache;
  readonly #rows: (Buffer | undefined)[];
  #chunk: Buffer = Buffer.alloc(0);
  #used = 0;
  /** Bytes of chunks plus the row table. */
  bytes: number;
  count = 0;

  constructor(cache: RowBytesCache, rowCount: number) {
    this.#cache = cache;
    this.#rows = new Array<Buffer | undefined>(rowCount);
    this.bytes = rowCount * 8;
  }

  get(at: number): Buffer | undefined {
    return this.#rows[at];
  }

  /** The UTF-8 bytes of `text`, kept for row `at` when the budget allows, else fresh and uncached. */
  put(at: number, text: string): Buffer {
    const size = Buffer.byteLength(text, 'utf8');
    if (this.#used + size > this.#chunk.length) {
      const chunkSize = Math.max(CHUNK_BYTES, size);
      if (!this.#cache.reserve(this, chunkSize)) return Buffer.from(text, 'utf8');
      this.#chunk = Buffer.allocUnsafeSlow(chunkSize);
      this.#used = 0;
      this.bytes += chunkSize;
    }
    const written = this.#chunk.write(text, this.#used, 'utf8');
    const bytes = this.#chunk.subarray(this.#used, this.#used + written);
    this.#used += written;
    this.#rows[at] = bytes;
    this.count++;
    return bytes;
  }
}

/** Projections' row bytes under one budget; the least recently used projection goes first. */
export class RowBytesCache {
  readonly #rowCount: number;
  readonly #limit: number;
  /** In order of use: the first entry is the least recently used. */
  readonly #projections = new Map<string, ProjectionRows>();
  #evictions = 0;

  /** @throws RangeError when `limitBytes` is not a non-negative safe integer. */
  constructor(rowCount: number, limitBytes: number = DEFAULT_ROW_CACHE_BYTES) {
    if (!Number.isSafeInteger(limitBytes) || limitBytes < 0) {
      throw new RangeError(
        `row-bytes cache limit must be a non-negative integer of bytes, got ${limitBytes}`,
      );
    }
    this.#rowCount = rowCount;
    this.#limit = limitBytes;
  }

  /** The rows of a projection, marked as the most recently used. */
  use(key: string): ProjectionRows {
    let rows = this.#projections.get(key);
    if (rows === undefined) {
      rows = new ProjectionRows(this, this.#rowCount);
      this.#projections.set(key, rows);
      // Its table counts too: make room for it among the others.
      this.reserve(rows, 0);
    } else {
      this.#projections.delete(key);
      this.#projections.set(key, rows);
    }
    return rows;
  }

  /**
   * Makes room for `size` more bytes of `owner`, evicting the least recently used other
   * projections; false when even `owner` alone would exceed the budget (its row is then not kept).
   */
  reserve(owner: ProjectionRows, size: number): boolean {
    if (owner.bytes + size > this.#limit) return false;
    for (const [key, rows] of this.#projections) {
      if (this.#total() + size <= this.#limit) break;
      if (rows === owner) continue;
      this.#projections.delete(key);
      this.#evictions++;
    }
    return true;
  }

  stats(): RowBytesCacheStats {
    let rows = 0;
    for (const projection of this.#projections.values()) rows += projection.count;
    return {
      limitBytes: this.#limit,
      bytes: this.#total(),
      projections: [...this.#projections.keys()],
      rows,
      evictions: this.#evictions,
    };
  }

  #total(): number {
    let bytes = 0;
    for (const projection of this.#projections.values()) bytes += projection.bytes;
    return bytes;
  }
}
