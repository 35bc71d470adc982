/**
 * Consistency: export rows agree with the per-ticket worklog entry of the same id; each ticket's
 * entries keep their own rules (ids, SLA flag, segment sums, order); a malformed ticket id is a
 * 400 and an unknown ticket an empty list (both assumed).
 */
import { describe } from '../../json-body.ts';
import { ruleAssumed } from './contract-view.ts';
import { type EnneoRun, expectRefused, getTicket, type Row, rowsOf, TICKET } from './run.ts';

const SAMPLE_TICKETS = 5;
/** An id no real ticket system reaches (the largest 32-bit integer). */
const UNKNOWN_TICKET = 2_147_483_647;

type Entry = {
  id?: unknown;
  ticketId?: unknown;
  date?: unknown;
  latestInteraction?: unknown;
  worklog?: Record<string, unknown>;
  aiUsage?: Record<string, unknown>;
  time?: { duration?: unknown; durationAfterWork?: unknown; segments?: { from?: unknown; to?: unknown }[] };
  customerExperience?: Record<string, unknown>;
};

/**
 * Runs the consistency checks. `rows` are export rows to sample from (rows without a ticketId,
 * as under pseudonymized, leave only the ticket's own rules to check).
 */
export async function consistencyChecks(run: EnneoRun, rows: Row[]): Promise<void> {
  const { ctx, ticketOp } = run;
  const byTicket = new Map<number, Row[]>();
  for (const row of rows) {
    if (typeof row.ticketId !== 'number' || typeof row.userWorklogId !== 'number') continue;
    if (!byTicket.has(row.ticketId) && byTicket.size >= SAMPLE_TICKETS) continue;
    byTicket.set(row.ticketId, [...(byTicket.get(row.ticketId) ?? []), row]);
  }
  if (byTicket.size === 0 && run.ticketId !== undefined) byTicket.set(run.ticketId, []);
  if (byTicket.size === 0) {
    ctx.skip(
      'consistency',
      TICKET,
      'export rows agree with ticket worklogs',
      `no export row shows a ticketId (level ${run.level}) and no --ticket-id was given`,
    );
  }

  const mismatches: string[] = [];
  const ruleBreaks: Record<string, string[]> = {
    'ids-agree': [],
    'sla-met': [],
    'segments-sum': [],
    'entries-order': [],
  };
  let compared = 0;
  for (const [ticketId, exportRows] of byTicket) {
    const r = await getTicket(run, ticketId);
    const entries = rowsOf(r) as Entry[] | undefined;
    if (!entries) {
      ctx.expect('consistency', TICKET, `the worklogs of ticket ${ticketId} are served`, false, {
        message: `got ${describe(r)}`,
        request: r.url,
      });
      continue;
    }
    for (const row of exportRows) {
      compared++;
      const entry = entries.find((e) => e.id === row.userWorklogId);
      if (!entry) mismatches.push(`ticket ${ticketId} has no entry with id ${row.userWorklogId}`);
      else mismatches.push(...disagreements(row, entry));
    }
    entryRules(ticketId, entries, ruleBreaks);
  }

  if (compared > 0) {
    ctx.expect(
      'consistency',
      TICKET,
      `${compared} export rows agree with their ticket's worklog entry`,
      mismatches.length === 0,
      {
        message: `${mismatches.length} disagreement(s)`,
        details: mismatches,
        assumed: ruleAssumed(ticketOp, 'agrees-with-export'),
      },
    );
  }
  const titles: Record<string, string> = {
    'ids-agree': 'entry ids, ticket ids and dates agree within each entry',
    'sla-met': 'slaMet is true exactly when netSecondsClosedAfterSla <= 0',
    'segments-sum': 'time.segments add up to time.duration',
    'entries-order': 'entries are ordered by date, then id',
  };
  if (byTicket.size > 0) {
    for (const [rule, breaks] of Object.entries(ruleBreaks)) {
      ctx.expect('consistency', TICKET, titles[rule]!, breaks.length === 0, {
        message: `${breaks.length} break(s)`,
        details: breaks,
        assumed: ruleAssumed(ticketOp, rule),
      });
    }
  }

  const unknown = await getTicket(run, UNKNOWN_TICKET);
  ctx.expect('consistency', TICKET, 'an unknown ticket gets 200 []', rowsOf(unknown)?.length === 0, {
    message: `got ${describe(unknown)}`,
    assumed: ruleAssumed(ticketOp, 'ticket-unknown'),
    request: unknown.url,
  });
}

/** A ticket id that is not a number is refused. */
export async function ticketParameterChecks(run: EnneoRun): Promise<void> {
  const abc = await getTicket(run, 'abc');
  expectRefused(run, 'parameters', TICKET, 'ticketId=abc is refused', abc, {
    parameter: 'ticketId',
    assumed: ruleAssumed(run.ticketOp, 'ticket-id-invalid'),
  });
}

/** Where an export row and its ticket worklog entry say different things. */
export function disagreements(row: Row, entry: Entry): string[] {
  const w = entry.worklog ?? {};
  const ce = entry.customerExperience ?? {};
  const pairs: [string, unknown, unknown][] = [
    ['worklog.userId = userId', w.userId, row.userId],
    ['ticketId = ticketId', entry.ticketId, row.ticketId],
    ['worklog.ticketId = ticketId', w.ticketId, row.ticketId],
    ['worklog.conversationId = conversationId', w.conversationId, row.conversationId],
    ['worklog.action = action', w.action, row.action],
    ['time.duration = duration', entry.time?.duration, row.duration],
    ['time.durationAfterWork = durationAfterWork', entry.time?.durationAfterWork, row.durationAfterWork],
    // The rule agrees-with-export: an export null is 0 where the ticket field is a plain integer.
    [
      'aiUsage.automationLevel = aiAutomationLevel',
      entry.aiUsage?.automationLevel,
      row.aiAutomationLevel ?? 0,
    ],
    [
      'customerExperience.netSecondsClosedAfterSla = netSecondsClosedAfterSLA',
      ce.netSecondsClosedAfterSla,
      row.netSecondsClosedAfterSLA ?? 0,
    ],
    ['customerExperience.reOpened = (reOpened = 1)', ce.reOpened, row.reOpened === 1],
    [
      'customerExperience.closingDateForSLA = closingDateForSLA (same instant)',
      instant(ce.closingDateForSLA),
      instant(row.closingDateForSLA),
    ],
  ];
  return pairs
    .filter(([, a, b]) => a !== b)
    .map(
      ([what, a, b]) =>
        `userWorklogId ${row.userWorklogId}: ${what}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
    );
}

/** Milliseconds of an ISO 8601 or `YYYY-MM-DD HH:MM:SS` (UTC) timestamp; null stays null. */
function instant(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return Number.NaN;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.NaN : ms;
}

/** The ticket endpoint's own rules, checked on every entry of one ticket. */
function entryRules(ticketId: number, entries: Entry[], breaks: Record<string, string[]>): void {
  for (const [i, e] of entries.entries()) {
    const where = `ticket ${ticketId}, entry ${e.id}`;
    const w = e.worklog ?? {};
    const dayOf = typeof e.latestInteraction === 'string' ? e.latestInteraction.slice(0, 10) : undefined;
    if (
      w.worklogId !== e.id ||
      e.ticketId !== ticketId ||
      w.ticketId !== ticketId ||
      w.latestInteraction !== e.latestInteraction ||
      (dayOf !== undefined && dayOf !== e.date)
    ) {
      breaks['ids-agree']!.push(
        `${where}: id ${e.id}/${w.worklogId}, ticketId ${e.ticketId}/${w.ticketId}, date ${e.date} vs latestInteraction ${e.latestInteraction}`,
      );
    }
    const net = e.customerExperience?.netSecondsClosedAfterSla;
    const met = e.customerExperience?.slaMet;
    if (typeof net === 'number' && met !== net <= 0)
      breaks['sla-met']!.push(`${where}: slaMet ${met} with netSecondsClosedAfterSla ${net}`);
    const segments = e.time?.segments ?? [];
    const sum = segments.reduce((acc, s) => acc + ((instant(s.to) ?? 0) - (instant(s.from) ?? 0)) / 1000, 0);
    if (sum !== e.time?.duration)
      breaks['segments-sum']!.push(`${where}: segments add up to ${sum} s, duration is ${e.time?.duration}`);
    const prev = entries[i - 1];
    if (
      prev &&
      (String(prev.date) > String(e.date) || (prev.date === e.date && Number(prev.id) >= Number(e.id)))
    ) {
      breaks['entries-order']!.push(`${where} (${e.date}) follows entry ${prev.id} (${prev.date})`);
    }
  }
}
