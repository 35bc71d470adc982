/**
 * The one consistency oracle for an Enneo ticket worklog entry and the export row of the same id:
 * the contract suite's own comparison (src/contract/suite/vendors/enneo/consistency.ts, the rule
 * agrees-with-export — an export null is 0 where the ticket field is a plain integer), so the mock's
 * tests and `standin verify` can never disagree about what agreeing means.
 */
import { disagreements as suiteDisagreements } from '../../../src/contract/suite/vendors/enneo/consistency.ts';
import type { ExportRow, TicketWorklogEntry } from '../../../src/world/types.ts';

type SuiteRow = Parameters<typeof suiteDisagreements>[0];
type SuiteEntry = Parameters<typeof suiteDisagreements>[1];

/**
 * Lists the ways a ticket worklog entry disagrees with the export row of the same userWorklogId;
 * an empty list means they agree. Besides the suite's comparison it checks what the suite gets by
 * looking the entry up (the ids) and the calendar day both views name.
 */
export function disagreements(entry: TicketWorklogEntry, row: ExportRow): string[] {
  const found: string[] = [];
  if (entry.id !== row.userWorklogId) found.push(`id: ${entry.id} vs userWorklogId ${row.userWorklogId}`);
  if (entry.worklog.worklogId !== row.userWorklogId) {
    found.push(`worklog.worklogId: ${entry.worklog.worklogId} vs userWorklogId ${row.userWorklogId}`);
  }
  if (entry.date !== row.date.slice(0, 10)) found.push(`date: ${entry.date} vs ${row.date}`);
  // The world's typed records, seen as the plain JSON the suite reads off the wire.
  return [...found, ...suiteDisagreements(row as unknown as SuiteRow, entry as unknown as SuiteEntry)];
}
