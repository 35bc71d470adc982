/**
 * Enneo's two views of the planned tickets: the reporting export (one row per user worklog
 * entry) and the per-ticket worklog. Both are built from the same entry by the same records
 * (EnneoRecords), so every field they share agrees by construction.
 *
 * A generated world's `enneo.exportRows` and `enneo.ticketWorklogs` are built on first read and
 * then kept: the Enneo handler reads the compact records instead (`enneoSources`), so a server
 * never holds a million row objects unless something asks for the arrays themselves.
 */
import { EnneoRecords } from './enneo-records.ts';
import type { ExportRowSource, TicketWorklogSource } from './enneo-source.ts';
import { defineLazy, recordsOf } from './lazy-views.ts';
import type { EnneoUser } from './people.ts';
import type { TicketStore } from './ticket-store.ts';
import type { ExportRow, TicketWorklogEntry, World } from './types.ts';

export { EnneoRecords } from './enneo-records.ts';
export {
  type CellValue,
  type ExportRowSource,
  FIRST_CONVERSATION_ID,
  FIRST_TICKET_ID,
  FIRST_WORKLOG_ID,
  packedOrder,
  type TicketWorklogSource,
} from './enneo-source.ts';

export type EnneoViews = World['enneo'];

/**
 * Builds both Enneo views of the planned tickets. Ticket ids follow creation time, worklog ids
 * follow the time an entry started, so both arrays come out in canonical order (userWorklogId
 * ascending).
 * @throws Error when an entry names an Enneo user not in `users`.
 */
export function buildEnneoViews(
  seed: number,
  store: TicketStore,
  users: ReadonlyMap<number, EnneoUser>,
  worldStart: number,
): EnneoViews {
  const records = new EnneoRecords(seed, store, users, worldStart);
  const views = {} as EnneoViews;
  defineLazy(views, 'exportRows', records, () => records.exportRows());
  defineLazy(views, 'ticketWorklogs', records, () => records.ticketWorklogs());
  return views;
}

/** What the Enneo handler serves from: compact records where the world has them, else the arrays. */
export interface EnneoSources {
  exportRows: ExportRowSource | readonly ExportRow[];
  ticketWorklogs: TicketWorklogSource | readonly TicketWorklogEntry[];
}

/**
 * The export rows and worklog entries of `enneo` without building the arrays: for a generated
 * world (and a property not since replaced) its compact records, otherwise the arrays themselves.
 */
export function enneoSources(enneo: World['enneo']): EnneoSources {
  const rows = recordsOf(enneo, 'exportRows');
  const entries = recordsOf(enneo, 'ticketWorklogs');
  return {
    exportRows: rows instanceof EnneoRecords ? rows : enneo.exportRows,
    ticketWorklogs: entries instanceof EnneoRecords ? entries : enneo.ticketWorklogs,
  };
}

/** How many export rows `enneo` holds, without building them. */
export function exportRowCount(enneo: World['enneo']): number {
  const { exportRows } = enneoSources(enneo);
  return exportRows.length;
}

/** The ticket of the newest worklog entry (the highest id), without building the entries. */
export function newestTicketId(enneo: World['enneo']): number | undefined {
  const { ticketWorklogs } = enneoSources(enneo);
  if (ticketWorklogs instanceof EnneoRecords) {
    // Entry n and export row n are the same worklog entry.
    return ticketWorklogs.length === 0
      ? undefined
      : (ticketWorklogs.row(ticketWorklogs.length - 1).ticketId ?? undefined);
  }
  return (ticketWorklogs as readonly TicketWorklogEntry[]).at(-1)?.ticketId;
}
