import { apiError } from '../../src/http/errors.ts';
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

/**
 * Each ticket's worklog entries as ready UTF-8 JSON, grouped once on first use.
 * An unknown ticket answers `[]` (assumed: the docs list no 404).
 */
export class TicketWorklogIndex {
  readonly #entries: readonly TicketWorklogEntry[];
  #byTicket: Map<number, Buffer> | undefined;

  constructor(entries: readonly TicketWorklogEntry[]) {
    this.#entries = entries;
  }

  /** The JSON array of the ticket's entries, ordered by date then id. */
  json(ticketId: number): string {
    return this.bytes(ticketId).toString('utf8');
  }

  /** The same JSON as UTF-8 bytes, ready to send (shared: never write into it). */
  bytes(ticketId: number): Buffer {
    this.#byTicket ??= this.#group();
    return this.#byTicket.get(ticketId) ?? EMPTY;
  }

  #group(): Map<number, Buffer> {
    const groups = new Map<number, TicketWorklogEntry[]>();
    for (const entry of this.#entries) {
      const group = groups.get(entry.ticketId);
      if (group) group.push(entry);
      else groups.set(entry.ticketId, [entry]);
    }
    const out = new Map<number, Buffer>();
    for (const [ticketId, group] of groups) {
      out.set(ticketId, Buffer.from(JSON.stringify(group.sort(compareEntries)), 'utf8'));
    }
    return out;
  }
}
