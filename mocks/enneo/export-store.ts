import { DEFAULT_SEED } from '../../src/world/defaults.ts';
import type { ExportRowSource } from '../../src/world/enneo-views.ts';
import { csvHeader, csvRecord } from './csv.ts';
import type { ExportQuery } from './export-params.ts';
import { type Projection, projectRow } from './privacy.ts';
import { createPseudonyms, type Pseudonyms } from './pseudonyms.ts';
import { RowBytesCache, type RowBytesCacheStats } from './row-bytes-cache.ts';
import { type ExportRows, rowSource, SortIndex } from './sort-index.ts';

export type { RowBytesCacheStats } from './row-bytes-cache.ts';

/** What a page request needs: order, direction and window. */
export type PageRequest = Pick<ExportQuery, 'orderByField' | 'orderByDirection' | 'offset' | 'limit'>;

/** Gives the memory a page is built in (default: fresh memory). */
export type Allocate = (size: number) => Buffer;

type TextFormat = 'json' | 'csv';

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');
const NOTHING = Buffer.alloc(0);

/** The stores alive in this process, weakly: what `exportStoreCacheStats` reports on. */
const liveStores = new Set<WeakRef<ExportStore>>();

/**
 * The row-bytes cache of every export store alive in this process (one per Enneo handler), for
 * diagnostics such as the bench's scale rows: what a server's caches hold, without a handle on it.
 */
export function exportStoreCacheStats(): RowBytesCacheStats[] {
  const out: RowBytesCacheStats[] = [];
  for (const ref of liveStores) {
    const store = ref.deref();
    if (store === undefined) liveStores.delete(ref);
    else out.push(store.cacheStats());
  }
  return out;
}

/** What an export store may be tuned with. */
export interface ExportStoreOptions {
  /** Bytes the row-bytes cache may hold across projections (default DEFAULT_ROW_CACHE_BYTES). */
  cacheBytes?: number;
}

/**
 * The export rows ready to serve: sort orders, and each row's UTF-8 bytes per projection as JSON
 * and as a CSV record, built lazily and kept within a bounded cache (the least recently used
 * projection is evicted first), so that answering a warm page costs O(limit): one copy of each
 * row's bytes into the answer, no text to join and encode again.
 */
export class ExportStore {
  readonly #rows: ExportRowSource;
  readonly #index: SortIndex;
  readonly #bytes: RowBytesCache;
  readonly #csvHeaders = new Map<Projection['id'], Buffer>();

  readonly #pseudonyms: Pseudonyms;

  /**
   * `rows`: an array, or a generated world's compact records (`enneoSources`), whose rows are
   * then built only when a page needs bytes it has not cached. `pseudonyms` names users under
   * pseudonymized (default: those of the default seed).
   */
  constructor(
    rows: ExportRows,
    pseudonyms: Pseudonyms = createPseudonyms(DEFAULT_SEED),
    options: ExportStoreOptions = {},
  ) {
    this.#rows = rowSource(rows);
    this.#bytes = new RowBytesCache(this.#rows.length, options.cacheBytes);
    this.#pseudonyms = pseudonyms;
    this.#index = new SortIndex(this.#rows, pseudonyms);
    for (const ref of liveStores) if (ref.deref() === undefined) liveStores.delete(ref);
    liveStores.add(new WeakRef(this));
  }

  get size(): number {
    return this.#rows.length;
  }

  /** What the row-bytes cache holds now (projections, rows, bytes) and its limit. */
  cacheStats(): RowBytesCacheStats {
    return this.#bytes.stats();
  }

  /** Row indices of the requested page, ordered by what the projection shows (`date` may be date-only). */
  page(request: PageRequest, projection: Projection): number[] {
    const key = {
      column: request.orderByField,
      dateOnly: projection.dateOnly,
      pseudonymName: projection.pseudonymName,
    };
    return this.#index.page(key, request.orderByDirection, request.offset, request.limit);
  }

  /** The page as JSON text (the bytes of `jsonBytes`, decoded). */
  json(indices: readonly number[], projection: Projection): string {
    return this.jsonBytes(indices, projection).toString('utf8');
  }

  /** The page as a UTF-8 JSON array, copied from each row's cached bytes into one Buffer. */
  jsonBytes(indices: readonly number[], projection: Projection, allocate?: Allocate): Buffer {
    return concat(OPEN, COMMA, CLOSE, this.#rowBytes('json', indices, projection), allocate);
  }

  /**
   * The page as RFC 4180 CSV (header row, then one record per row, CRLF line ends), the same bytes
   * as `toCsv` of the projected rows: each record is rendered once, by the same csv-stringify options.
   */
  csvBytes(indices: readonly number[], projection: Projection, allocate?: Allocate): Buffer {
    let header = this.#csvHeaders.get(projection.id);
    if (header === undefined) {
      header = Buffer.from(csvHeader(projection.columns), 'utf8');
      this.#csvHeaders.set(projection.id, header);
    }
    return concat(header, NOTHING, NOTHING, this.#rowBytes('csv', indices, projection), allocate);
  }

  /**
   * The page's rows as the projection shows them, for a reader of the projection's columns only
   * (the xlsx sheet): the rows themselves when the projection changes no value — copying 35
   * columns into a new object per row cost a tenth of an xlsx page's CPU — else projected copies.
   */
  objects(indices: readonly number[], projection: Projection): Readonly<Record<string, unknown>>[] {
    const same = !projection.dateOnly && !projection.pseudonymName;
    return indices.map((at) => {
      const row = this.#rows.row(at);
      return same
        ? (row as unknown as Readonly<Record<string, unknown>>)
        : projectRow(row, projection, this.#pseudonyms);
    });
  }

  /** Each row's cached bytes in one format and projection, rendering those not seen before. */
  #rowBytes(format: TextFormat, indices: readonly number[], projection: Projection): Buffer[] {
    const slots = this.#bytes.use(`${format}:${projection.id}`);
    const parts: Buffer[] = new Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const at = indices[i]!;
      let bytes = slots.get(at);
      if (bytes === undefined) {
        const row = projectRow(this.#rows.row(at), projection, this.#pseudonyms);
        bytes = slots.put(at, format === 'json' ? JSON.stringify(row) : csvRecord(projection.columns, row));
      }
      parts[i] = bytes;
    }
    return parts;
  }
}

/**
 * `open`, the parts with `separator` between them, `close`: one allocation, one copy of each part.
 * Copied with TypedArray `set` (a plain memory copy), not Buffer `copy`, whose JS wrapper cost
 * more than the copying itself for a page of 100 rows.
 */
function concat(
  open: Buffer,
  separator: Buffer,
  close: Buffer,
  parts: readonly Buffer[],
  allocate: Allocate = Buffer.allocUnsafe,
): Buffer {
  let size = open.length + close.length + Math.max(0, parts.length - 1) * separator.length;
  for (const part of parts) size += part.length;
  const out = allocate(size);
  out.set(open, 0);
  let pos = open.length;
  // A one- or two-byte separator (JSON's `,`, CSV's line end) is stored byte by byte: a `set` call
  // per row for it cost more than the bytes.
  const width = separator.length;
  const first = separator[0]!;
  const second = separator[1]!;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && width > 0) {
      if (width > 2) out.set(separator, pos);
      else {
        out[pos] = first;
        if (width === 2) out[pos + 1] = second;
      }
      pos += width;
    }
    const part = parts[i]!;
    out.set(part, pos);
    pos += part.length;
  }
  out.set(close, pos);
  return out;
}
