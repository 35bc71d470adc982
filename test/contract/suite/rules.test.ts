/**
 * The per-answer rules, judged on hand-made exchanges without HTTP: what a proxy or a validator
 * would hand them. Each rule names its check, its contract rule and, where the problem has one,
 * the JSON pointer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract } from '../../../src/contract/loader.ts';
import {
  autozodRules,
  type ExchangeRule,
  type ExchangeView,
  enneoExportRules,
  voipcubeRules,
} from '../../../src/contract/suite/index.ts';
import { hms } from '../../../src/contract/suite/rules/autozod.ts';
import { readExportView } from '../../../src/contract/suite/vendors/enneo/contract-view.ts';
import { expectColumns } from '../../../src/contract/suite/vendors/enneo/privacy.ts';

let voipcube: Contract;
let autozod: Contract;
let enneo: Contract;
beforeAll(async () => {
  [voipcube, autozod, enneo] = await Promise.all([
    loadContract('voipcube'),
    loadContract('autozod'),
    loadContract('enneo'),
  ]);
});

const ex = (query: Record<string, string | string[]>, body: unknown, status = 200): ExchangeView => ({
  query: Object.entries(query).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as const) : [[k, v] as const],
  ),
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
});
const judge = (rules: ExchangeRule[], e: ExchangeView) => rules.flatMap((r) => r.judge(e));

const U1 = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
const U2 = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
const log = (time: string, userId = U1) => ({ status: 'Available', userId, time });

describe('VoIPcube rules', () => {
  const rules = () => voipcubeRules(voipcube.operation('get', '/stats/user-statuses'));

  it('an answer that keeps every rule has no problem', () => {
    const e = ex({ from: '2025-09-01', to: '2025-09-02', 'userIds[]': [U1, U2], page: '1', size: '2' }, [
      log('2025-09-01T08:00:00.000Z', U1),
      log('2025-09-01T08:00:00.000Z', U2),
    ]);
    expect(judge(rules(), e)).toEqual([]);
  });

  it('a log outside [from, to] is a filters problem at its time', () => {
    const e = ex({ from: '2025-09-01', to: '2025-09-02' }, [
      log('2025-09-01T08:00:00.000Z'),
      log('2025-09-02T00:00:00.001Z'),
    ]);
    expect(judge(rules(), e)).toEqual([
      {
        check: 'filters',
        rule: 'inclusive-range',
        pointer: '/1/time',
        message: 'log 1 at 2025-09-02T00:00:00.001Z is outside 2025-09-01 … 2025-09-02',
        assumed: false,
      },
    ]);
  });

  it('descending times are an ordering problem; the rule is assumed as the contract says', () => {
    const e = ex({ from: '2025-09-01', to: '2025-09-02' }, [
      log('2025-09-01T09:00:00.000Z'),
      log('2025-09-01T08:00:00.000Z'),
    ]);
    const [p] = judge(rules(), e);
    expect(p).toMatchObject({
      check: 'ordering',
      rule: 'order-time-then-user',
      pointer: '/1/time',
      assumed: true,
    });
  });

  it('more logs than size (or than the fallback of 25 for an invalid size) is a pagination problem', () => {
    const three = [0, 1, 2].map((i) => log(`2025-09-01T08:00:0${i}.000Z`));
    expect(judge(rules(), ex({ from: '2025-09-01', to: '2025-09-02', page: '1', size: '2' }, three))).toEqual(
      [
        {
          check: 'pagination',
          rule: 'size-fallback',
          pointer: '/2',
          message: 'a page of size 2 holds 3 logs',
          assumed: false,
        },
      ],
    );
    expect(
      judge(rules(), ex({ from: '2025-09-01', to: '2025-09-02', page: '1', size: 'abc' }, three)),
    ).toEqual([]);
    // Without page and size there is no pagination: any number of logs.
    expect(judge(rules(), ex({ from: '2025-09-01', to: '2025-09-02' }, three))).toEqual([]);
  });

  it('a log of another user than userIds[] is a filters problem', () => {
    const e = ex({ from: '2025-09-01', to: '2025-09-02', 'userIds[]': U1.toUpperCase() }, [
      log('2025-09-01T08:00:00.000Z', U2),
    ]);
    expect(judge(rules(), e)).toEqual([
      {
        check: 'filters',
        rule: 'user-ids-filter',
        pointer: '/0/userId',
        message: `log 0 is of user ${U2}, not one of userIds[]`,
        assumed: false,
      },
    ]);
  });
});

describe('Autozod rules', () => {
  const rules = () => autozodRules(autozod.operation('get', '/api/sessionLogs/list'));
  // Sessions start on the hour and last half an hour: the breaks between them are inactive.
  const breaks = (active: number, sessions: number) =>
    sessions === 0 ? 0 : (sessions - 1) * 3600 + 1800 - active;
  const day = (date: string, active: number, sessions: number) => ({
    date,
    active_duration_seconds: active,
    active_duration_format: hms(active),
    inactive_duration_seconds: breaks(active, sessions),
    inactive_duration_format: hms(breaks(active, sessions)),
    session_count: sessions,
    sessions: Array.from({ length: sessions }, (_, i) => ({
      agent_id: '68a6d35049a09719b70539b4',
      start: `${date.split('-').reverse().join('-')}T0${i}:00:00.000Z`,
      end: `${date.split('-').reverse().join('-')}T0${i}:30:00.000Z`,
      duration_seconds: active / sessions,
    })),
  });
  const query = {
    team_id: '1000',
    agent_id: '68a6d35049a09719b70539b4',
    start_date: '21-08-2025',
    end_date: '22-08-2025',
  };
  const body = (sessionCount: number) => ({
    success: true,
    data: {
      summary: {
        total_active_duration_seconds: 3600,
        total_active_duration_format: '01:00:00',
        total_session_count: sessionCount,
        total_inactive_duration_seconds: 1800,
        total_inactive_duration_format: '00:30:00',
        active_percentage: 66.67,
        inactive_percentage: 33.33,
      },
      daily_breakdown: [day('21-08-2025', 3600, 2), day('22-08-2025', 0, 0)],
    },
  });

  it('an answer that keeps every rule has no problem', () => {
    expect(judge(rules(), ex(query, body(2)))).toEqual([]);
  });

  it('a summary that is not the sum of its breakdown is a consistency problem', () => {
    expect(judge(rules(), ex(query, body(3)))).toEqual([
      {
        check: 'consistency',
        rule: 'summary-is-sum-of-breakdown',
        message: 'summary.total_session_count says 3, the days add up to 2',
        assumed: true,
      },
    ]);
  });

  it('a day missing from the range is a filters problem; an error answer is judged by no rule', () => {
    const short = body(2);
    short.data.daily_breakdown.pop();
    expect(judge(rules(), ex(query, short)).map((p) => `${p.check} ${p.rule}`)).toEqual([
      'filters one-item-per-day',
    ]);
    expect(judge(rules(), ex(query, { success: false, message: 'no' }, 400))).toEqual([]);
  });

  it('inactive time beyond the breaks (the rest of a 24-hour day) is a consistency problem', () => {
    const wholeDay = body(2);
    const first = wholeDay.data.daily_breakdown[0]!;
    first.inactive_duration_seconds = 82_800;
    first.inactive_duration_format = '23:00:00';
    expect(judge(rules(), ex(query, wholeDay)).map((p) => `${p.check} ${p.rule} ${p.message}`)).toContain(
      "consistency inactive-is-breaks day 21-08-2025: active + inactive = 86400 s, but the agents' working spans (first start to last end) are 5400 s",
    );
  });
});

describe('Enneo export rules', () => {
  const op = () => enneo.operation('get', '/export/reporting_worklog');

  it('more rows than limit, or than the default limit of 100, is a pagination problem', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ userWorklogId: n - i, date: '2025-09-01 08:00:00' }));
    const problems = (e: ExchangeView) =>
      judge(enneoExportRules(op()), e).filter((p) => p.check === 'pagination');
    expect(problems(ex({ limit: '2' }, rows(3)))).toEqual([
      {
        check: 'pagination',
        rule: 'limit-range',
        pointer: '/2',
        message: 'limit 2 but 3 rows',
        assumed: false,
      },
    ]);
    expect(problems(ex({}, rows(100)))).toEqual([]);
    expect(problems(ex({}, rows(101)))).toHaveLength(1);
  });

  it('rows out of orderByField/orderByDirection are an ordering problem (a plain misorder is documented)', () => {
    const e = ex({ orderByField: 'duration', orderByDirection: 'asc' }, [
      { userWorklogId: 1, duration: 5 },
      { userWorklogId: 2, duration: 3 },
    ]);
    expect(judge(enneoExportRules(op()), e)).toEqual([
      {
        check: 'ordering',
        rule: 'order-direction',
        pointer: '/1/duration',
        message: 'row 1 has duration 3 after 5 (asc)',
        assumed: false,
      },
    ]);
  });

  it('a column the expected privacy level omits is a privacy problem', () => {
    const view = readExportView(op());
    const columns = expectColumns(view, 'pseudonymized', () => true);
    const row = Object.fromEntries(columns.kept.map((c) => [c, null]));
    const leaking = { ...row, email: 'leak@example.com' };
    const problems = judge(enneoExportRules(op(), columns), ex({ limit: '1' }, [leaking])).filter(
      (p) => p.check === 'privacy',
    );
    expect(problems.map((p) => [p.rule, p.pointer, p.message])).toEqual([
      ['privacy-levels', '/0', 'row 0 carries email, which the level omits'],
    ]);
  });
});
