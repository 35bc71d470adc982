/**
 * Autozod's rules that one answer can show: the summary is the sum of the daily breakdown (and each
 * day of its sessions), the breakdown has one item per day of [start_date, end_date], the
 * `_format` fields and the percentages agree with the seconds. All are assumed (the doc's example
 * holds placeholders), so they warn unless strict.
 */
import type { Reading } from '../reading.ts';
import type { Violation } from '../types.ts';
import { type ExchangeRule, NOT_APPLICABLE, ruleIsAssumed, show, single } from './rule.ts';

const SESSIONS = ['listSessionLogs'] as const;
const DAY = 86_400_000;

type Node = Record<string, unknown>;
const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;

/** `data.summary` and `data.daily_breakdown` of a 200, when they have that shape. */
function dataOf(r: Reading): { summary: Node; days: Node[] } | undefined {
  if (r.status !== 200) return undefined;
  const data = asNode(asNode(r.json)?.data);
  const summary = asNode(data?.summary);
  const days = data?.daily_breakdown;
  if (!summary || !Array.isArray(days) || !days.every((d) => asNode(d))) return undefined;
  return { summary, days: days as Node[] };
}

const SUMS = [
  ['total_active_duration_seconds', 'active_duration_seconds'],
  ['total_inactive_duration_seconds', 'inactive_duration_seconds'],
  ['total_session_count', 'session_count'],
] as const;

/** summary.total_* equals the sum of the days' fields. */
export function autozodSummaryRule(r: Reading): Violation[] | null {
  const data = dataOf(r);
  if (!data) return NOT_APPLICABLE;
  const assumed = ruleIsAssumed(r.op, 'summary-is-sum-of-breakdown');
  const out: Violation[] = [];
  for (const [total, field] of SUMS) {
    const got = data.summary[total];
    const values = data.days.map((d) => d[field]);
    if (typeof got !== 'number' || !values.every((v) => typeof v === 'number')) continue;
    const sum = (values as number[]).reduce((a, b) => a + b, 0);
    if (got === sum) continue;
    out.push({
      check: 'consistency',
      pointer: `/data/summary/${total}`,
      rule: 'summary-is-sum-of-breakdown',
      message: `summary.${total} is ${got}; the daily breakdown adds up to ${sum}`,
      ...(assumed ? { assumed: true } : {}),
    });
  }
  // Each day against its own sessions: the count, and the active seconds.
  for (const [i, d] of data.days.entries()) {
    const sessions = Array.isArray(d.sessions) ? (d.sessions as unknown[]).map(asNode) : undefined;
    if (!sessions?.every((x) => typeof x?.duration_seconds === 'number')) continue;
    const seconds = sessions.reduce((a, x) => a + (x!.duration_seconds as number), 0);
    const broken =
      d.session_count !== sessions.length
        ? ['session_count', `${d.session_count}, but the day lists ${sessions.length} sessions`]
        : d.active_duration_seconds !== seconds
          ? ['active_duration_seconds', `${d.active_duration_seconds}; its sessions add up to ${seconds}`]
          : undefined;
    if (!broken) continue;
    out.push({
      check: 'consistency',
      pointer: `/data/daily_breakdown/${i}/${broken[0]}`,
      rule: 'summary-is-sum-of-breakdown',
      message: `day ${String(d.date)}: ${broken[0]} is ${broken[1]}`,
      ...(assumed ? { assumed: true } : {}),
    });
    break;
  }
  return out;
}

/** `HH:MM:SS`, hours at least two digits (duration-format). */
export function hms(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** Every `_format` field is its seconds as HH:MM:SS. */
export function autozodFormatRule(r: Reading): Violation[] | null {
  const data = dataOf(r);
  if (!data) return NOT_APPLICABLE;
  const places: [string, Node][] = [
    ['/data/summary', data.summary],
    ...data.days.map((d, i): [string, Node] => [`/data/daily_breakdown/${i}`, d]),
  ];
  for (const [at, node] of places) {
    for (const [key, value] of Object.entries(node)) {
      if (!key.endsWith('_format')) continue;
      const seconds = node[key.replace(/_format$/, '_seconds')];
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || value === hms(seconds))
        continue;
      const assumed = ruleIsAssumed(r.op, 'duration-format');
      return [
        {
          check: 'consistency',
          pointer: `${at}/${key}`,
          rule: 'duration-format',
          message: `${key} is ${JSON.stringify(value)}; ${seconds} seconds are ${hms(seconds)}`,
          ...(assumed ? { assumed: true } : {}),
        },
      ];
    }
  }
  return [];
}

/** The percentages are the active share in hundredths and its remainder (both 0 without time). */
export function autozodPercentagesRule(r: Reading): Violation[] | null {
  const s = dataOf(r)?.summary;
  const active = s?.total_active_duration_seconds;
  const inactive = s?.total_inactive_duration_seconds;
  if (!s || typeof active !== 'number' || typeof inactive !== 'number') return NOT_APPLICABLE;
  const total = active + inactive;
  const expectedActive = total === 0 ? 0 : Math.round((10_000 * active) / total) / 100;
  const expectedInactive = total === 0 ? 0 : Math.round(10_000 - expectedActive * 100) / 100;
  const bad = [
    ['active_percentage', expectedActive],
    ['inactive_percentage', expectedInactive],
  ].find(
    ([key, want]) =>
      typeof s[key as string] === 'number' &&
      Math.abs((s[key as string] as number) - (want as number)) > 0.005,
  );
  if (!bad) return [];
  const assumed = ruleIsAssumed(r.op, 'percentages');
  return [
    {
      check: 'consistency',
      pointer: `/data/summary/${bad[0]}`,
      rule: 'percentages',
      message: `${bad[0]} is ${s[bad[0] as string]}; ${active} active of ${total} seconds make ${bad[1]}`,
      ...(assumed ? { assumed: true } : {}),
    },
  ];
}

/** `DD-MM-YYYY` to ms at midnight UTC; undefined when not a real day. */
export function ddmmyyyyToMs(value: string | undefined): number | undefined {
  const m = value ? /^(\d{2})-(\d{2})-(\d{4})$/.exec(value) : null;
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
  const back = new Date(ms).toISOString();
  return back.slice(0, 10) === `${m[3]}-${m[2]}-${m[1]}` ? ms : undefined;
}

/** `DD-MM-YYYY` of a UTC instant. */
export const ddmmyyyy = (ms: number) => {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;
};

/** One breakdown item per day of [start_date, end_date], oldest first. */
export function autozodDaysRule(r: Reading): Violation[] | null {
  const data = dataOf(r);
  const from = ddmmyyyyToMs(single(r.query, 'start_date'));
  const to = ddmmyyyyToMs(single(r.query, 'end_date'));
  if (!data || from === undefined || to === undefined || to < from || to - from > 400 * DAY)
    return NOT_APPLICABLE;
  const expected: string[] = [];
  for (let t = from; t <= to; t += DAY) expected.push(ddmmyyyy(t));
  const i = expected.findIndex((date, k) => data.days[k]?.date !== date);
  if (i < 0 && data.days.length === expected.length) return [];
  const at = i < 0 ? expected.length : i;
  const assumed = ruleIsAssumed(r.op, 'one-item-per-day');
  return [
    {
      check: 'filters',
      pointer: `/data/daily_breakdown/${at}`,
      rule: 'one-item-per-day',
      message: `item ${at} should be ${expected[at] ?? 'absent'} (one item per day from ${expected[0]} to ${expected.at(-1)}), got ${JSON.stringify(data.days[at]?.date ?? null)}`,
      ...(assumed ? { assumed: true } : {}),
    },
  ];
}

/** A violation of rule `id` at `pointer`, assumed as the contract says. */
function broke(
  r: Reading,
  check: 'filters' | 'consistency',
  id: string,
  pointer: string,
  message: string,
): Violation {
  return { check, pointer, rule: id, message, ...(ruleIsAssumed(r.op, id) ? { assumed: true } : {}) };
}

/** Every session starts on its day (UTC) and ends no earlier than it starts. */
export function autozodSessionsRule(r: Reading): Violation[] | null {
  const data = dataOf(r);
  if (!data) return NOT_APPLICABLE;
  const stray: [string, Node][] = [];
  for (const [i, d] of data.days.entries()) {
    const sessions = Array.isArray(d.sessions) ? (d.sessions as unknown[]) : [];
    for (const [k, x] of sessions.entries()) {
      const start = Date.parse(String(asNode(x)?.start));
      const end = Date.parse(String(asNode(x)?.end));
      if (Number.isNaN(start) || ddmmyyyy(start) !== d.date || end < start)
        stray.push([`/data/daily_breakdown/${i}/sessions/${k}`, asNode(x) ?? {}]);
    }
  }
  const [first] = stray;
  if (!first) return [];
  return [
    broke(
      r,
      'filters',
      'sessions-within-a-day',
      first[0],
      `${stray.length} session(s) outside their day, e.g. ${show(first[1])}`,
    ),
  ];
}

/**
 * Whole seconds from each agent's first session start to their last session end on one day,
 * summed over the agents; an unreadable time counts as no span.
 */
function workingSpans(sessions: readonly unknown[]): number {
  const spans = new Map<string, [number, number]>();
  for (const x of sessions) {
    const s = asNode(x);
    if (!s) continue;
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

/**
 * A day's inactive seconds are the breaks inside the agents' working spans: active + inactive =
 * the sum over its agents of first session start to last session end (0 on a day without sessions).
 */
export function autozodInactiveRule(r: Reading): Violation[] | null {
  const data = dataOf(r);
  if (!data) return NOT_APPLICABLE;
  for (const [i, d] of data.days.entries()) {
    const { active_duration_seconds: a, inactive_duration_seconds: b } = d;
    if (typeof a !== 'number' || typeof b !== 'number' || !Array.isArray(d.sessions)) continue;
    const spans = workingSpans(d.sessions);
    if (a + b === spans) continue;
    return [
      broke(
        r,
        'consistency',
        'inactive-is-breaks',
        `/data/daily_breakdown/${i}`,
        `day ${String(d.date)}: active + inactive = ${a + b} s, but the agents' working spans (first start to last end) are ${spans} s`,
      ),
    ];
  }
  return [];
}

/** In verify's report order: the filters, then the consistency rules. */
export const AUTOZOD_RULES: ExchangeRule[] = (
  [
    { name: 'autozod-days', check: 'filters', run: autozodDaysRule, assumedRule: 'one-item-per-day' },
    {
      name: 'autozod-sessions',
      check: 'filters',
      run: autozodSessionsRule,
      assumedRule: 'sessions-within-a-day',
    },
    {
      name: 'autozod-summary',
      check: 'consistency',
      run: autozodSummaryRule,
      assumedRule: 'summary-is-sum-of-breakdown',
    },
    {
      name: 'autozod-inactive',
      check: 'consistency',
      run: autozodInactiveRule,
      assumedRule: 'inactive-is-breaks',
    },
    {
      name: 'autozod-percentages',
      check: 'consistency',
      run: autozodPercentagesRule,
      assumedRule: 'percentages',
    },
    { name: 'autozod-format', check: 'consistency', run: autozodFormatRule, assumedRule: 'duration-format' },
  ] satisfies Omit<ExchangeRule, 'operations'>[]
).map((rule) => ({ ...rule, operations: SESSIONS }));
