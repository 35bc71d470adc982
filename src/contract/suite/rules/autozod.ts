/**
 * Autozod's rules that one answer shows: one breakdown item per day of the range, sessions inside
 * their day, the summary the sum of the breakdown, each day's numbers agreeing, percentages and
 * `_format` fields matching the seconds. Pure.
 */
import type { Operation } from '../../loader.ts';
import { ruleAssumed } from '../shared/contract-reading.ts';
import { type ExchangeRule, type ExchangeView, param, problem } from './types.ts';

const DAY_MS = 86_400_000;

interface Day {
  date?: unknown;
  active_duration_seconds: number;
  active_duration_format?: unknown;
  inactive_duration_seconds: number;
  inactive_duration_format?: unknown;
  session_count: number;
  sessions: { agent_id?: unknown; start?: unknown; end?: unknown; duration_seconds: number }[];
}
interface Summary {
  total_active_duration_seconds: number;
  total_active_duration_format?: unknown;
  total_session_count: number;
  total_inactive_duration_seconds: number;
  total_inactive_duration_format?: unknown;
  active_percentage: number;
  inactive_percentage: number;
}

/** The `data` of a 200 answer that has a breakdown array, else undefined. */
function dataOf(e: ExchangeView): { summary: Summary; daily_breakdown: Day[] } | undefined {
  if (e.status !== 200 || e.body === null || typeof e.body !== 'object') return undefined;
  const data = (e.body as { data?: { summary?: unknown; daily_breakdown?: unknown } }).data;
  if (
    !data ||
    typeof data.summary !== 'object' ||
    data.summary === null ||
    !Array.isArray(data.daily_breakdown)
  )
    return undefined;
  const days = data.daily_breakdown.filter((d): d is Day => d !== null && typeof d === 'object');
  return {
    summary: data.summary as Summary,
    daily_breakdown: days.map((d) => ({ ...d, sessions: Array.isArray(d.sessions) ? d.sessions : [] })),
  };
}

/**
 * Whole seconds from each agent's first session start to their last session end on one day,
 * summed over the agents (inactive-is-breaks); an unreadable time counts as no span.
 */
function workingSpans(sessions: Day['sessions']): number {
  const spans = new Map<string, [number, number]>();
  for (const s of sessions) {
    const from = Date.parse(String(s.start));
    const to = Date.parse(String(s.end));
    if (Number.isNaN(from) || Number.isNaN(to)) continue;
    const key = String(s.agent_id);
    const [f, t] = spans.get(key) ?? [from, to];
    spans.set(key, [Math.min(f, from), Math.max(t, to)]);
  }
  let total = 0;
  for (const [from, to] of spans.values()) total += Math.floor((to - from) / 1000);
  return total;
}

/** `DD-MM-YYYY` of a UTC instant. */
export const ddmmyyyy = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

/** Milliseconds of a `DD-MM-YYYY` day at 00:00 UTC; NaN when it is not one. */
export function dayOf(value: string | undefined): number {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value ?? '');
  return m ? Date.parse(`${m[3]}-${m[2]}-${m[1]}T00:00:00Z`) : Number.NaN;
}

/** `HH:MM:SS`, hours at least two digits. */
export const hms = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/** The rules of `GET /api/sessionLogs/list`, with their assumptions read from `op`. */
export function autozodRules(op: Operation): ExchangeRule[] {
  const rule = (
    id: string,
    check: ExchangeRule['check'],
    judge: (e: ExchangeView, self: ExchangeRule) => string[],
  ) => {
    const self: ExchangeRule = {
      id,
      check,
      assumed: ruleAssumed(op, id),
      judge: (e) => (dataOf(e) ? judge(e, self).map((m) => problem(self, m)) : []),
    };
    return self;
  };
  return [
    rule('one-item-per-day', 'filters', (e) => {
      const from = dayOf(param(e, 'start_date'));
      const to = dayOf(param(e, 'end_date'));
      if (Number.isNaN(from) || Number.isNaN(to)) return [];
      const expected: string[] = [];
      for (let t = from; t <= to; t += DAY_MS) expected.push(ddmmyyyy(t));
      const got = dataOf(e)!.daily_breakdown.map((d) => String(d.date));
      return got.join() === expected.join()
        ? []
        : [`expected the days ${expected.join(', ')}; got ${got.join(', ')}`];
    }),
    rule('sessions-within-a-day', 'filters', (e) => {
      const stray = dataOf(e)!.daily_breakdown.flatMap((d) =>
        d.sessions.filter(
          (s) =>
            ddmmyyyy(Date.parse(String(s.start))) !== d.date ||
            Date.parse(String(s.end)) < Date.parse(String(s.start)),
        ),
      );
      return stray.length
        ? [`${stray.length} session(s) outside their day, e.g. ${JSON.stringify(stray[0])}`]
        : [];
    }),
    rule('summary-is-sum-of-breakdown', 'consistency', (e) => {
      const { summary: s, daily_breakdown: days } = dataOf(e)!;
      const sum = (f: (d: Day) => number) => days.reduce((acc, d) => acc + f(d), 0);
      const pairs: [string, number, number][] = [
        [
          'total_active_duration_seconds',
          s.total_active_duration_seconds,
          sum((d) => d.active_duration_seconds),
        ],
        [
          'total_inactive_duration_seconds',
          s.total_inactive_duration_seconds,
          sum((d) => d.inactive_duration_seconds),
        ],
        ['total_session_count', s.total_session_count, sum((d) => d.session_count)],
      ];
      const out = pairs
        .filter(([, got, expected]) => got !== expected)
        .map(([field, got, expected]) => `summary.${field} says ${got}, the days add up to ${expected}`);
      const badDay = days.find(
        (d) =>
          d.session_count !== d.sessions.length ||
          d.active_duration_seconds !== d.sessions.reduce((a, x) => a + x.duration_seconds, 0),
      );
      if (badDay)
        out.push(
          `day ${String(badDay.date)}: session_count ${badDay.session_count} and active seconds ${badDay.active_duration_seconds} do not match its ${badDay.sessions.length} sessions`,
        );
      return out;
    }),
    rule('inactive-is-breaks', 'consistency', (e) => {
      const bad = dataOf(e)!.daily_breakdown.find(
        (d) => d.active_duration_seconds + d.inactive_duration_seconds !== workingSpans(d.sessions),
      );
      return bad
        ? [
            `day ${String(bad.date)}: active + inactive = ${bad.active_duration_seconds + bad.inactive_duration_seconds} s, but the agents' working spans (first start to last end) are ${workingSpans(bad.sessions)} s`,
          ]
        : [];
    }),
    rule('percentages', 'consistency', (e) => {
      const s = dataOf(e)!.summary;
      const total = s.total_active_duration_seconds + s.total_inactive_duration_seconds;
      const ok =
        total === 0
          ? s.active_percentage === 0 && s.inactive_percentage === 0
          : Math.round((s.active_percentage + s.inactive_percentage) * 100) === 10_000 &&
            Math.abs(s.active_percentage - (100 * s.total_active_duration_seconds) / total) <= 0.01;
      return ok
        ? []
        : [
            `active ${s.active_percentage} + inactive ${s.inactive_percentage}; seconds ${s.total_active_duration_seconds}/${total}`,
          ];
    }),
    rule('duration-format', 'consistency', (e) => {
      const { summary: s, daily_breakdown: days } = dataOf(e)!;
      const out: string[] = [];
      if (
        s.total_active_duration_format !== hms(s.total_active_duration_seconds) ||
        s.total_inactive_duration_format !== hms(s.total_inactive_duration_seconds)
      )
        out.push(
          `summary: ${String(s.total_active_duration_format)} / ${String(s.total_inactive_duration_format)} for ${s.total_active_duration_seconds} / ${s.total_inactive_duration_seconds} s`,
        );
      const bad = days.find(
        (d) =>
          d.active_duration_format !== hms(d.active_duration_seconds) ||
          d.inactive_duration_format !== hms(d.inactive_duration_seconds),
      );
      if (bad)
        out.push(
          `day ${String(bad.date)}: ${String(bad.active_duration_format)} / ${String(bad.inactive_duration_format)} for ${bad.active_duration_seconds} / ${bad.inactive_duration_seconds} s`,
        );
      return out;
    }),
  ];
}
