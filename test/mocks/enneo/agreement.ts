import type { ExportRow, TicketWorklogEntry } from '../../../src/world/types.ts';

/** `2024-05-13 16:15:00` → `2024-05-13T16:15:00Z` (the same instant in the ticket view's form). */
const toIso = (spaced: string | null) => (spaced === null ? null : `${spaced.replace(' ', 'T')}Z`);

/**
 * Lists the ways a ticket worklog entry disagrees with the export row of the same userWorklogId
 * (the fields both views carry); an empty list means they agree.
 */
export function disagreements(entry: TicketWorklogEntry, row: ExportRow): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['ticketId', entry.ticketId, row.ticketId],
    ['worklog.ticketId', entry.worklog.ticketId, row.ticketId],
    ['worklog.worklogId', entry.worklog.worklogId, row.userWorklogId],
    ['worklog.userId', entry.worklog.userId, row.userId],
    ['worklog.conversationId', entry.worklog.conversationId, row.conversationId],
    ['worklog.action', entry.worklog.action, row.action],
    ['time.duration', entry.time.duration, row.duration],
    ['time.durationAfterWork', entry.time.durationAfterWork, row.durationAfterWork],
    ['customerExperience.reOpened', entry.customerExperience.reOpened, row.reOpened === 1],
    ['date', entry.date, row.date.slice(0, 10)],
  ];
  if (row.aiAutomationLevel !== null) {
    pairs.push(['aiUsage.automationLevel', entry.aiUsage.automationLevel, row.aiAutomationLevel]);
  }
  if (row.netSecondsClosedAfterSLA !== null) {
    pairs.push([
      'customerExperience.netSecondsClosedAfterSla',
      entry.customerExperience.netSecondsClosedAfterSla,
      row.netSecondsClosedAfterSLA,
    ]);
  }
  if (row.closingDateForSLA !== null) {
    pairs.push([
      'customerExperience.closingDateForSLA',
      entry.customerExperience.closingDateForSLA,
      toIso(row.closingDateForSLA),
    ]);
  }
  return pairs
    .filter(([, a, b]) => a !== b)
    .map(([name, a, b]) => `${name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}
