import type { ExportRow } from '../../src/world/types.ts';
import type { ExportQuery } from './export-params.ts';
import { type Projection, projectRow } from './privacy.ts';
import { SortIndex } from './sort-index.ts';

/** What a page request needs: order, direction and window. */
export type PageRequest = Pick<ExportQuery, 'orderByField' | 'orderByDirection' | 'offset' | 'limit'>;

/**
 * The export rows ready to serve: sort orders and per-projection JSON text, both built lazily and
 * kept, so that answering a page costs O(limit) once warm.
 */
export class ExportStore {
  readonly #rows: readonly ExportRow[];
  readonly #index: SortIndex;
  readonly #json = new Map<Projection['id'], (string | undefined)[]>();

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

  /** The page as a JSON array, joined from each row's cached text. */
  json(indices: readonly number[], projection: Projection): string {
    let cache = this.#json.get(projection.id);
    if (!cache) {
      cache = new Array<string | undefined>(this.#rows.length);
      this.#json.set(projection.id, cache);
    }
    const parts: string[] = new Array(indices.length);
    for (let i = 0; i < indices.length; i++) {
      const at = indices[i]!;
      let text = cache[at];
      if (text === undefined) {
        text = JSON.stringify(projectRow(this.#rows[at]!, projection));
        cache[at] = text;
      }
      parts[i] = text;
    }
    return `[${parts.join(',')}]`;
  }

  /** The page as projected row objects (for csv and xlsx). */
  objects(indices: readonly number[], projection: Projection): Record<string, unknown>[] {
    return indices.map((at) => projectRow(this.#rows[at]!, projection));
  }
}
