import type { ExportRow } from '../../src/world/types.ts';
import type { ExportQuery } from './export-params.ts';
import { type Projection, projectRow } from './privacy.ts';
import { SortIndex } from './sort-index.ts';

/** What a page request needs: order, direction and window. */
export type PageRequest = Pick<ExportQuery, 'orderByField' | 'orderByDirection' | 'offset' | 'limit'>;

const OPEN = 0x5b; // [
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]

/**
 * The export rows ready to serve: sort orders and per-projection UTF-8 JSON of each row, both
 * built lazily and kept, so that answering a page costs O(limit) once warm: one copy of each row's
 * bytes into the answer, no string to join and encode again.
 */
export class ExportStore {
  readonly #rows: readonly ExportRow[];
  readonly #index: SortIndex;
  readonly #json = new Map<Projection['id'], (Buffer | undefined)[]>();

  constructor(rows: readonly ExportRow[]) {
    this.#rows = rows;
    this.#index = new SortIndex(rows);
  }

  get size(): number {
    return this.#rows.length;
  }

  /** Row indices of the requested page, ordered by what the projection shows (`date` may be date-only). */
  page(request: PageRequest, projection: Projection): number[] {
    const key = { column: request.orderByField, dateOnly: projection.dateOnly };
    return this.#index.page(key, request.orderByDirection, request.offset, request.limit);
  }

  /** The page as JSON text (the bytes of `jsonBytes`, decoded). */
  json(indices: readonly number[], projection: Projection): string {
    return this.jsonBytes(indices, projection).toString('utf8');
  }

  /** The page as a UTF-8 JSON array, copied from each row's cached bytes into one Buffer. */
  jsonBytes(
    indices: readonly number[],
    projection: Projection,
    allocate: (size: number) => Buffer = Buffer.allocUnsafe,
  ): Buffer {
    let cache = this.#json.get(projection.id);
    if (!cache) {
      cache = new Array<Buffer | undefined>(this.#rows.length);
      this.#json.set(projection.id, cache);
    }
    const parts: Buffer[] = new Array(indices.length);
    // `[` + `]` + a comma between rows.
    let size = indices.length > 0 ? indices.length + 1 : 2;
    for (let i = 0; i < indices.length; i++) {
      const at = indices[i]!;
      let bytes = cache[at];
      if (bytes === undefined) {
        bytes = Buffer.from(JSON.stringify(projectRow(this.#rows[at]!, projection)), 'utf8');
        cache[at] = bytes;
      }
      parts[i] = bytes;
      size += bytes.length;
    }
    const out = allocate(size);
    let pos = 0;
    out[pos++] = OPEN;
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) out[pos++] = COMMA;
      pos += parts[i]!.copy(out, pos);
    }
    out[pos] = CLOSE;
    return out;
  }

  /** The page as projected row objects (for csv and xlsx). */
  objects(indices: readonly number[], projection: Projection): Record<string, unknown>[] {
    return indices.map((at) => projectRow(this.#rows[at]!, projection));
  }
}
