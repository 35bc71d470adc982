/**
 * What the proxy remembers of each exchange: the listing of `GET /__standin/requests` (bounded,
 * like standin's own journal, credentials redacted on arrival) and the compact records the report
 * is made of.
 */

import type { JudgedExchange } from '../contract/exchange/report.ts';
import type { Verdict, Violation } from '../contract/exchange/types.ts';
import type { ContractVendor } from '../contract/loader.ts';
import type { JournalEntry } from '../http/journal.ts';
import type { Redactor } from '../http/request-redaction.ts';

/** A violation as the listing shows it. */
export interface ListedViolation {
  check: string;
  pointer?: string;
  rule: string;
  message: string;
}

/**
 * One exchange in `GET /__standin/requests`: what standin's journal lists for a request (the
 * target's status, null when it gave none), and the verdict.
 */
export interface ProxyJournalEntry extends Omit<JournalEntry, 'replayed'> {
  /** The operation judged; absent when none matched. */
  operationId?: string;
  violations: ListedViolation[];
  warnings: ListedViolation[];
  /** What could not be judged and why. */
  notes: string[];
}

const listed =
  (redactor: Redactor) =>
  (v: Violation): ListedViolation => ({
    check: v.check,
    ...(v.pointer !== undefined ? { pointer: v.pointer } : {}),
    rule: v.rule,
    message: redactor.text(v.message),
  });

/** The listing entry of one exchange; every part redacted. */
export function journalEntry(input: {
  id: number;
  time: number;
  vendor: ContractVendor;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  status: number | null;
  durationMs: number;
  verdict: Verdict;
  redactor: Redactor;
}): ProxyJournalEntry {
  const { redactor, verdict } = input;
  const q = input.url.indexOf('?');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(q < 0 ? '' : input.url.slice(q + 1))) {
    const had = query[name];
    query[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  const entry: ProxyJournalEntry = {
    id: input.id,
    time: new Date(input.time).toISOString(),
    vendor: input.vendor,
    method: input.method,
    path: redactor.text(q < 0 ? input.url : input.url.slice(0, q)),
    query: redactor.query(query),
    headers: redactor.headers(input.headers),
    status: input.status,
    durationMs: input.durationMs,
    violations: verdict.violations.map(listed(redactor)),
    warnings: verdict.warnings.map(listed(redactor)),
    notes: verdict.notes.map((n) => redactor.text(n)),
  };
  if (verdict.operationId) entry.operationId = verdict.operationId;
  return entry;
}

/** The url of a listing entry, as reports print it: path and redacted query. */
export function listedUrl(entry: ProxyJournalEntry): string {
  const pairs: [string, string][] = Object.entries(entry.query).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
  );
  const search = new URLSearchParams(pairs).toString();
  return search ? `${entry.path}?${search}` : entry.path;
}

/** The report's record of an exchange, from its listing entry (already redacted). */
export function judgedOf(entry: ProxyJournalEntry, verdict: Verdict, redactor: Redactor): JudgedExchange {
  const redactAll = (list: Violation[]) => list.map((v) => ({ ...v, message: redactor.text(v.message) }));
  return {
    id: entry.id,
    method: entry.method,
    url: listedUrl(entry),
    status: entry.status,
    verdict: {
      ...verdict,
      violations: redactAll(verdict.violations),
      warnings: redactAll(verdict.warnings),
      notes: verdict.notes.map((n) => redactor.text(n)),
    },
  };
}
