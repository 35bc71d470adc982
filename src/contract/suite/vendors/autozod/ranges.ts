/**
 * Filters and consistency over several ranges (a week, one day, a month end, a year end, and a
 * whole team's week): every answer is judged by the per-answer rules of exchange/rules/autozod.ts
 * (the ones `proxy` and `validate` judge by).
 */

import { ddmmyyyy } from '../../../exchange/rules/autozod.ts';
import type { HttpResponse } from '../../http-client.ts';
import { describe } from '../../json-body.ts';
import { expectRule } from '../../shared/rule-check.ts';
import type { CheckName } from '../../types.ts';
import { type AutozodRun, DAY, EP, get } from './run.ts';

interface RangeAnswer {
  label: string;
  response: HttpResponse;
}

/** Fetches every range once; both steps judge the same answers. */
export function rangeFetcher(run: AutozodRun): () => Promise<RangeAnswer[]> {
  let pending: Promise<RangeAnswer[]> | undefined;
  return () => {
    pending ??= fetchRanges(run);
    return pending;
  };
}

async function fetchRanges(run: AutozodRun): Promise<RangeAnswer[]> {
  const { ctx, base, end, teamId } = run;
  const year = new Date(end).getUTCFullYear();
  const ranges: [number, number][] = [
    [end - 6 * DAY, end],
    [end, end],
    monthEndAround(end),
    [Date.UTC(year - 1, 11, 30), Date.UTC(year, 0, 2)],
  ];
  const out: RangeAnswer[] = [];
  for (const [from, to] of ranges) {
    const response = await get(ctx, { ...base, start_date: ddmmyyyy(from), end_date: ddmmyyyy(to) });
    out.push({ label: `${ddmmyyyy(from)}…${ddmmyyyy(to)}`, response });
  }
  // A whole team (no agent_id): the sums still hold; each day's total is the members' spans.
  const team = await get(ctx, {
    team_id: teamId,
    type: base.type ?? 'on_duty',
    start_date: ddmmyyyy(end - 6 * DAY),
    end_date: ddmmyyyy(end),
  });
  out.push({ label: `${ddmmyyyy(end - 6 * DAY)}…${ddmmyyyy(end)} (team)`, response: team });
  return out;
}

const TITLES: Record<string, string> = {
  'autozod-days': 'one breakdown item per day, oldest first',
  'autozod-sessions': 'every session lies in its day',
  'autozod-summary': 'the summary is the sum of the breakdown',
  'autozod-inactive': "each day's inactive time is the breaks inside the agents' working spans",
  'autozod-percentages': 'percentages match the seconds and add up to 100',
  'autozod-format': 'the _format fields are HH:MM:SS of the seconds',
};

/** Judges every range answer by the rules of `check`. */
export async function rangeChecks(
  run: AutozodRun,
  ranges: () => Promise<RangeAnswer[]>,
  check: CheckName,
): Promise<void> {
  for (const { label, response } of await ranges()) {
    if (response.status !== 200) {
      run.ctx.expect(check, EP, `${label}: the range is served`, false, {
        message: describe(response),
        request: response.url,
      });
      continue;
    }
    for (const bound of run.rules.filter((b) => b.rule.check === check)) {
      const { name } = bound.rule;
      expectRule(run.ctx, EP, bound, response, `${label}: ${TITLES[name] ?? name}`);
    }
  }
}

function monthEndAround(end: number): [number, number] {
  const d = new Date(end);
  const lastOfPrev = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0);
  return [lastOfPrev - DAY, lastOfPrev + 2 * DAY];
}
