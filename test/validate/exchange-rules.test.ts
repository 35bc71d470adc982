/**
 * The per-exchange rules on hand-made answers: each rule names its check, rule and pointer, and
 * assumed behaviour warns unless strict. No HTTP: an exchange is data.
 */
import { describe, expect, it } from 'vitest';
import { createJudge } from '../../src/contract/exchange/index.ts';
import type { Exchange } from '../../src/contract/exchange/types.ts';
import { type ContractVendor, loadContract } from '../../src/contract/loader.ts';

const U1 = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
const U2 = 'ebd1a29a-8980-404c-9def-cd54865abdc1';

function exchange(vendor: ContractVendor, url: string, body: unknown, status = 200): Exchange {
  return {
    vendor,
    method: 'GET',
    url,
    requestHeaders: {},
    status,
    responseHeaders: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(body)),
  };
}

const log = (time: string, userId = U1) => ({ status: 'Available', userId, time });

describe('VoIPcube rules', () => {
  const url = (q: string) => `/stats/user-statuses?from=2025-09-01&to=2025-09-02${q}`;

  it('logs out of time order warn (assumed), and fail under strict', async () => {
    const logs = [log('2025-09-01T10:00:00.000Z'), log('2025-09-01T09:00:00.000Z')];
    const lenient = await (await createJudge('voipcube'))(exchange('voipcube', url(''), logs));
    expect(lenient.violations).toEqual([]);
    expect(lenient.warnings).toEqual([
      {
        check: 'ordering',
        pointer: '/1/time',
        rule: 'order-time-then-user',
        message: 'log 1 at "2025-09-01T09:00:00.000Z" comes after "2025-09-01T10:00:00.000Z"',
        assumed: true,
      },
    ]);
    const strict = await (await createJudge('voipcube', { strict: true }))(
      exchange('voipcube', url(''), logs),
    );
    expect(strict.violations.map((v) => v.rule)).toEqual(['order-time-then-user']);
  });

  it('to=YYYY-MM-DD ends at that midnight: a later log is outside [from, to]', async () => {
    const judge = await createJudge('voipcube');
    const verdict = await judge(
      exchange('voipcube', url(''), [log('2025-09-02T00:00:00.000Z'), log('2025-09-02T00:00:00.001Z')]),
    );
    expect(verdict.violations).toEqual([
      expect.objectContaining({ check: 'filters', rule: 'inclusive-range', pointer: '/1/time' }),
    ]);
  });

  it('userIds[] (any case) lets only those users through', async () => {
    const judge = await createJudge('voipcube');
    const logs = [log('2025-09-01T09:00:00.000Z', U1), log('2025-09-01T10:00:00.000Z', U2)];
    const upper = `&userIds[]=${U1.toUpperCase()}`;
    expect((await judge(exchange('voipcube', url(upper), logs.slice(0, 1)))).violations).toEqual([]);
    expect((await judge(exchange('voipcube', url(upper), logs))).violations).toEqual([
      expect.objectContaining({ check: 'filters', rule: 'user-ids-filter', pointer: '/1/userId' }),
    ]);
  });

  it('an invalid size falls back to 25; without page and size there is no page limit', async () => {
    const judge = await createJudge('voipcube');
    const many = Array.from({ length: 26 }, (_, i) =>
      log(`2025-09-01T10:00:${String(i).padStart(2, '0')}.000Z`),
    );
    expect((await judge(exchange('voipcube', url(''), many))).violations).toEqual([]);
    expect((await judge(exchange('voipcube', url('&size=abc'), many))).violations).toEqual([
      expect.objectContaining({
        check: 'pagination',
        rule: 'size-fallback',
        pointer: '/25',
        message: 'the page size is 25 (the documented fallback) but the answer holds 26 logs',
      }),
    ]);
  });

  it('an undocumented status and an undocumented content type are status violations', async () => {
    const judge = await createJudge('voipcube');
    const teapot = await judge(exchange('voipcube', url(''), {}, 418));
    expect(teapot.violations).toEqual([expect.objectContaining({ check: 'status', rule: 'status' })]);
    // An error answer shows nothing about paging, order or filters: only what it can show is judged.
    expect(teapot.checks).toEqual(['status']);
    const refused = await judge(
      exchange('voipcube', url(''), { message: 'from is required', code: 'MISSING_PARAMETER' }, 400),
    );
    expect(refused).toMatchObject({ checks: ['status', 'schema'], violations: [], warnings: [] });
    const html = await judge({
      ...exchange('voipcube', url(''), []),
      responseHeaders: { 'content-type': 'text/html' },
    });
    expect(html.violations).toEqual([expect.objectContaining({ check: 'status', rule: 'mediaType' })]);
  });
});

describe('Enneo and Autozod rules', () => {
  it('Enneo: without limit, more than 100 rows breaks the default', async () => {
    const judge = await createJudge('enneo');
    const rows = Array.from({ length: 101 }, () => ({}));
    const verdict = await judge(
      exchange('enneo', '/api/mind/export/reporting_worklog?orderByField=userWorklogId', rows),
    );
    expect(verdict.endpoint).toBe('GET /export/reporting_worklog');
    expect(verdict.violations).toContainEqual({
      check: 'pagination',
      pointer: '/100',
      rule: 'limit-range',
      message: 'limit=(default) 100 but the answer holds 101 rows',
    });
  });

  it('Autozod: breakdown days must be exactly the range (assumed: a warning)', async () => {
    const judge = await createJudge('autozod');
    const day = (date: string) => ({
      date,
      active_duration_seconds: 0,
      inactive_duration_seconds: 86400,
      session_count: 0,
    });
    const body = {
      success: true,
      data: {
        summary: {
          total_active_duration_seconds: 0,
          total_inactive_duration_seconds: 86400,
          total_session_count: 0,
        },
        daily_breakdown: [day('01-09-2025')],
      },
    };
    const verdict = await judge(
      exchange('autozod', '/api/sessionLogs/list?team_id=t&start_date=01-09-2025&end_date=02-09-2025', body),
    );
    expect(verdict.warnings).toContainEqual(
      expect.objectContaining({
        check: 'filters',
        rule: 'one-item-per-day',
        pointer: '/data/daily_breakdown/1',
      }),
    );
    expect(verdict.warnings.filter((w) => w.rule === 'summary-is-sum-of-breakdown')).toEqual([]);
  });
});

describe('Enneo privacy', () => {
  it('columns of another level than expected fail, naming the level they fit', async () => {
    const op = (await loadContract('enneo')).operationById('exportReportingWorklog');
    const schema = (
      op.definition.responses['200'] as {
        content: Record<string, { schema: { items: { properties: object } } }>;
      }
    ).content['application/json']!.schema.items.properties;
    const hidden = ['ticketId', 'conversationId', 'userId', 'email', 'rawData'];
    const row = Object.fromEntries(
      Object.keys(schema)
        .filter((c) => !hidden.includes(c))
        .map((c) => [c, c === 'date' ? '2025-09-01' : null]),
    );
    const verdict = await (await createJudge('enneo'))(
      exchange('enneo', '/export/reporting_worklog?format=json&limit=1', [row]),
    );
    expect(verdict.violations).toContainEqual({
      check: 'privacy',
      pointer: '/0',
      rule: 'privacy-levels',
      message:
        'ticketId, conversationId, userId, email, rawData missing, which the level keeps (expected level none; the columns fit --expect-privacy pseudonymized)',
    });
    const pseudonymized = await (await createJudge('enneo', { expectPrivacy: 'pseudonymized' }))(
      exchange('enneo', '/export/reporting_worklog?format=json&limit=1', [row]),
    );
    expect(pseudonymized.violations.filter((v) => v.check === 'privacy')).toEqual([]);
  });
});

describe('Enneo files', () => {
  it('a csv without its Content-Disposition warns (the header is assumed), and fails under strict', async () => {
    const csv = (headers: Record<string, string>): Exchange => ({
      ...exchange('enneo', '/export/reporting_worklog?format=csv&limit=1', null),
      responseHeaders: { 'content-type': 'text/csv; charset=utf-8', ...headers },
      body: Buffer.from('date,name\r\n'),
    });
    const judge = await createJudge('enneo');
    expect((await judge(csv({}))).warnings).toContainEqual({
      check: 'formats',
      rule: 'content-disposition',
      message: 'Content-Disposition is missing; expected attachment; filename="reporting_worklog.csv"',
      assumed: true,
    });
    const named = await judge(csv({ 'content-disposition': 'attachment; filename="reporting_worklog.csv"' }));
    expect(named.warnings.filter((w) => w.rule === 'content-disposition')).toEqual([]);
    const strict = await (await createJudge('enneo', { strict: true }))(
      csv({ 'content-disposition': 'inline' }),
    );
    expect(strict.violations.map((v) => v.rule)).toContain('content-disposition');
  });
});

describe('Autozod consistency', () => {
  const url = '/api/sessionLogs/list?team_id=t&start_date=01-09-2025&end_date=01-09-2025';
  const session = {
    start: '2025-09-01T08:00:00.000Z',
    end: '2025-09-01T09:00:00.000Z',
    duration_seconds: 3600,
  };
  const body = (edit: (b: Record<string, Record<string, unknown>>) => void) => {
    const b = {
      success: true,
      data: {
        summary: {
          total_active_duration_seconds: 3600,
          total_active_duration_format: '01:00:00',
          total_session_count: 1,
          total_inactive_duration_seconds: 0,
          total_inactive_duration_format: '00:00:00',
          active_percentage: 100,
          inactive_percentage: 0,
        },
        daily_breakdown: [
          {
            date: '01-09-2025',
            active_duration_seconds: 3600,
            active_duration_format: '01:00:00',
            inactive_duration_seconds: 0,
            inactive_duration_format: '00:00:00',
            session_count: 1,
            sessions: [session],
          },
        ],
      },
    };
    edit(b.data as unknown as Record<string, Record<string, unknown>>);
    return b;
  };

  it.each([
    ['a clean day', () => {}, []],
    [
      'a _format that is not its seconds',
      (d: Record<string, Record<string, unknown>>) => {
        d.summary!.total_inactive_duration_format = '23:00';
      },
      [['duration-format', '/data/summary/total_inactive_duration_format']],
    ],
    [
      'percentages that do not add up',
      (d: Record<string, Record<string, unknown>>) => {
        d.summary!.inactive_percentage = 95.8;
      },
      [['percentages', '/data/summary/inactive_percentage']],
    ],
    [
      'a day whose count is not its sessions',
      (d: Record<string, Record<string, unknown>>) => {
        (d.daily_breakdown as unknown as Record<string, unknown>[])[0]!.session_count = 2;
        d.summary!.total_session_count = 2;
      },
      [['summary-is-sum-of-breakdown', '/data/daily_breakdown/0/session_count']],
    ],
    [
      'a session that starts on another day',
      (d: Record<string, Record<string, unknown>>) => {
        const day = (d.daily_breakdown as unknown as { sessions: Record<string, unknown>[] }[])[0]!;
        day.sessions = [{ ...session, start: '2025-08-31T23:00:00.000Z' }];
      },
      // Its day's working span grows with it, so the day's inactive time no longer fits either.
      [
        ['sessions-within-a-day', '/data/daily_breakdown/0/sessions/0'],
        ['inactive-is-breaks', '/data/daily_breakdown/0'],
      ],
    ],
    [
      'a day whose inactive time is the rest of 24 hours, not the breaks inside the working span',
      (d: Record<string, Record<string, unknown>>) => {
        const day = (d.daily_breakdown as unknown as Record<string, unknown>[])[0]!;
        const inactive = 86_400 - (day.active_duration_seconds as number);
        const hms = (n: number) =>
          [Math.floor(n / 3600), Math.floor((n % 3600) / 60), n % 60]
            .map((x) => String(x).padStart(2, '0'))
            .join(':');
        day.inactive_duration_seconds = inactive;
        day.inactive_duration_format = hms(inactive);
        d.summary!.total_inactive_duration_seconds = inactive;
        d.summary!.total_inactive_duration_format = hms(inactive);
        d.summary!.active_percentage = 4.17;
        d.summary!.inactive_percentage = 95.83;
      },
      [['inactive-is-breaks', '/data/daily_breakdown/0']],
    ],
  ])('%s', async (_name, edit, expected) => {
    const judge = await createJudge('autozod', { strict: true });
    const verdict = await judge(exchange('autozod', url, body(edit)));
    // The schema's own say (a session's agent_id, the pattern of a _format) is not what is tested here.
    const semantic = verdict.violations.filter((v) => v.check !== 'schema');
    expect(semantic.map((v) => [v.rule, v.pointer])).toEqual(expected);
  });
});
