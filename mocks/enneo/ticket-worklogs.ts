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

/**
 * Each ticket's worklog entries as ready JSON text, grouped once on first use.
 * An unknown ticket answers `[]` (assumed: the docs list no 404).
 */
export class TicketWorklogIndex {
  readonly #entries: readonly TicketWorklogEntry[];
  #byTicket: Map<number, string> | undefined;

  constructor(entries: readonly TicketWorklogEntry[]) {
    this.#entries = entries;
  }

  /** The JSON array of the ticket's entries, ordered by date then id. */
  json(ticketId: number): string {
    this.#byTicket ??= this.#group();
    return this.#byTicket.get(ticketId) ?? '[]';
  }

  #group(): Map<number, string> {
    const groups = new Map<number, TicketWorklogEntry[]>();
    for (const entry of this.#entries) {
      const group = groups.get(entry.ticketId);
      if (group) group.push(entry);
      else groups.set(entry.ticketId, [entry]);
    }
    const out = new Map<number, string>();
    for (const [ticketId, group] of groups) out.set(ticketId, JSON.stringify(group.sort(compareEntries)));
    return out;
  }
}
