import { apiError } from '../../src/http/errors.ts';
import type { TicketWorklogSource } from '../../src/world/enneo-views.ts';
import type { TicketWorklogEntry } from '../../src/world/types.ts';

/**
 * Reads the `ticketId` path segment: a positive integer written in digits.
 * @throws INVALID_PARAMETER naming ticketId (assumed status; the docs list 200/403/500 only)
 */
export function parseTicketId(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) {
    const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
    throw apiError('INVALID_PARAMETER', `ticketId must be a positive integer, got ${shown}`, {
      parameter: 'ticketId',
    });
  }
  return value;
}

/** Orders a ticket's entries by date, then by id. */
export function compareEntries(a: TicketWorklogEntry, b: TicketWorklogEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id - b.id;
}

const EMPTY = Buffer.from('[]');

/** Rendered tickets kept at once: each is a few kB, so a few MB at most. */
export const TICKET_CACHE_SIZE = 2_048;

/**
 * Each ticket's worklog entries as UTF-8 JSON, rendered when the ticket is first asked for and
 * kept for the most recently asked tickets only (an entry is ~0.9 kB of JSON: a million-entry
 * world rendered whole would hold ~0.9 GB). An unknown ticket answers `[]` (assumed: the docs
 * list no 404).
 */
export class TicketWorklogIndex {
  readonly #source: TicketWorklogSource | readonly TicketWorklogEntry[];
  #byTicket: Map<number, TicketWorklogEntry[]> | undefined;
  /** In order of use: the first entry is the least recently used. */
  readonly #rendered = new Map<number, Buffer>();
  readonly #limit: number;

  /**
   * `source`: the entries (any order), or a generated world's compact records (`enneoSources`);
   * `cacheTickets`: how many rendered tickets to keep (default TICKET_CACHE_SIZE).
   */
  constructor(
    source: TicketWorklogSource | readonly TicketWorklogEntry[],
    { cacheTickets = TICKET_CACHE_SIZE }: { cacheTickets?: number } = {},
  ) {
    this.#source = source;
    this.#limit = cacheTickets;
  }

  /** The JSON array of the ticket's entries, ordered by date then id. */
  json(ticketId: number): string {
    return this.bytes(ticketId).toString('utf8');
  }

  /** The same JSON as UTF-8 bytes, ready to send (shared: never write into it). */
  bytes(ticketId: number): Buffer {
    let bytes = this.#rendered.get(ticketId);
    if (bytes !== undefined) {
      this.#rendered.delete(ticketId);
    } else {
      const entries = this.#entriesOf(ticketId);
      if (entries === undefined || entries.length === 0) return EMPTY;
      bytes = Buffer.from(JSON.stringify([...entries].sort(compareEntries)), 'utf8');
      if (this.#limit < 1) return bytes;
      if (this.#rendered.size >= this.#limit) this.#rendered.delete(this.#rendered.keys().next().value!);
    }
    this.#rendered.set(ticketId, bytes);
    return bytes;
  }

  #entriesOf(ticketId: number): readonly TicketWorklogEntry[] | undefined {
    const source = this.#source;
    if (!Array.isArray(source)) return (source as TicketWorklogSource).entriesOf(ticketId);
    this.#byTicket ??= group(source as readonly TicketWorklogEntry[]);
    return this.#byTicket.get(ticketId);
  }
}

function group(entries: readonly TicketWorklogEntry[]): Map<number, TicketWorklogEntry[]> {
  const groups = new Map<number, TicketWorklogEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.ticketId);
    if (group) group.push(entry);
    else groups.set(entry.ticketId, [entry]);
  }
  return groups;
}
