/**
 * verify judges the answers it gets by the very rules `proxy` and `validate` judge exchanges by:
 * an answer read through the suite's door (shared/rule-check.ts) gets the same violation as the
 * same exchange handed to createJudge, recorded as one finding with its check, title, assumption
 * and request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createJudge } from '../../../src/contract/exchange/index.ts';
import { type Contract, loadContract, type Operation } from '../../../src/contract/loader.ts';
import type { HttpResponse } from '../../../src/contract/suite/http-client.ts';
import { expectRule, readingOf, ruleFor, rulesFor } from '../../../src/contract/suite/shared/rule-check.ts';
import type { CheckContext, CheckName, EndpointRef } from '../../../src/contract/suite/types.ts';

let voipcube: Contract;
let enneo: Contract;
let autozod: Contract;
beforeAll(async () => {
  [voipcube, enneo, autozod] = await Promise.all([
    loadContract('voipcube'),
    loadContract('enneo'),
    loadContract('autozod'),
  ]);
});

const BASE = 'http://127.0.0.1:9/voipcube';
const U1 = '0d00ae63-5b5d-45b9-a7c0-88f9cfb26b5e';
const U2 = 'ebd1a29a-8980-404c-9def-cd54865abdc1';
const log = (time: string, userId = U1) => ({ status: 'Available', userId, time });

function answer(url: string, body: unknown, status = 200, mediaType = 'application/json'): HttpResponse {
  return {
    url,
    status,
    headers: new Headers({ 'content-type': `${mediaType}; charset=utf-8` }),
    mediaType,
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    durationMs: 0,
  };
}

interface Finding {
  check: CheckName;
  title: string;
  ok: boolean;
  more: { message?: string; details?: string[]; assumed?: boolean; request?: string } | undefined;
}

/** A CheckContext that only records what is expected. */
function recorder(): { ctx: CheckContext; findings: Finding[] } {
  const findings: Finding[] = [];
  const ctx = {
    expect(check: CheckName, _endpoint: EndpointRef, title: string, ok: boolean, more?: Finding['more']) {
      findings.push({ check, title, ok, more });
      return ok;
    },
  } as unknown as CheckContext;
  return { ctx, findings };
}

const EP: EndpointRef = { method: 'get', path: '/stats/user-statuses' };
const logsOp = () => voipcube.operation('get', '/stats/user-statuses') as Operation;

describe("verify's door to the per-exchange rules", () => {
  it('reads the query (repeated keys kept), the status and the JSON body of an answer', () => {
    const r = readingOf(
      answer(`${BASE}/stats/user-statuses?from=2025-09-01&userIds[]=${U1}&userIds[]=${U2}`, [log('x')]),
      logsOp(),
    );
    expect(r.query.getAll('userIds[]')).toEqual([U1, U2]);
    expect([r.status, r.format, r.json]).toEqual([200, 'json', [log('x')]]);
    expect(readingOf(answer(`${BASE}/stats/user-statuses`, '', 204), logsOp()).format).toBe('none');
    expect(readingOf(answer(`${BASE}/stats/user-statuses`, ''), logsOp()).unreadable).toBe(
      'the body is not JSON: ""',
    );
    expect(readingOf(answer(`${BASE}/stats/user-statuses`, '{oops'), logsOp()).unreadable).toBe(
      'the body is not JSON: "{oops"',
    );
  });

  it('a log outside [from, to] fails verify with the message proxy and validate give', async () => {
    const path = '/stats/user-statuses?from=2025-09-01&to=2025-09-02';
    const logs = [log('2025-09-01T08:00:00.000Z'), log('2025-09-02T00:00:00.001Z')];
    const { ctx, findings } = recorder();
    const found = expectRule(ctx, EP, ruleFor(logsOp(), 'voipcube-window'), answer(BASE + path, logs), 'in');
    const verdict = await (await createJudge('voipcube'))({
      vendor: 'voipcube',
      method: 'GET',
      url: path,
      requestHeaders: {},
      status: 200,
      responseHeaders: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(logs)),
    });
    expect(verdict.violations).toEqual(found);
    expect(findings).toEqual([
      {
        check: 'filters',
        title: 'in',
        ok: false,
        more: {
          message: 'log 1 at "2025-09-02T00:00:00.001Z" is outside from=2025-09-01 … to=2025-09-02',
          details: [],
          assumed: false,
          request: BASE + path,
        },
      },
    ]);
  });

  it('a kept rule passes, assumed as its contract entry says', () => {
    const url = `${BASE}/stats/user-statuses?from=2025-09-01&to=2025-09-02`;
    const logs = [log('2025-09-01T08:00:00.000Z', U1), log('2025-09-01T08:00:00.000Z', U2)];
    const { ctx, findings } = recorder();
    expectRule(ctx, EP, ruleFor(logsOp(), 'voipcube-order'), answer(url, logs), 'order');
    expectRule(ctx, EP, ruleFor(logsOp(), 'voipcube-window'), answer(url, logs), 'window');
    expect(findings.map((f) => [f.title, f.ok, f.more?.assumed])).toEqual([
      ['order', true, true],
      ['window', true, false],
    ]);
  });

  it('every violation after the first becomes a detail with its pointer', () => {
    const op = autozod.operation('get', '/api/sessionLogs/list') as Operation;
    const url =
      'http://127.0.0.1:9/autozod/api/sessionLogs/list?team_id=1&start_date=01-09-2025&end_date=01-09-2025';
    const body = {
      success: true,
      data: {
        summary: {
          total_active_duration_seconds: 1,
          total_inactive_duration_seconds: 2,
          total_session_count: 3,
        },
        daily_breakdown: [
          {
            date: '01-09-2025',
            active_duration_seconds: 0,
            inactive_duration_seconds: 0,
            session_count: 0,
            sessions: [],
          },
        ],
      },
    };
    const { ctx, findings } = recorder();
    expectRule(ctx, EP, ruleFor(op, 'autozod-summary'), answer(url, body), 'sums');
    expect(findings[0]?.more).toMatchObject({
      message: 'summary.total_active_duration_seconds is 1; the daily breakdown adds up to 0',
      details: [
        '/data/summary/total_inactive_duration_seconds: summary.total_inactive_duration_seconds is 2; the daily breakdown adds up to 0',
        '/data/summary/total_session_count: summary.total_session_count is 3; the daily breakdown adds up to 0',
      ],
      assumed: true,
    });
  });

  it("binds each vendor's rules to its operation, and refuses a rule that does not judge it", () => {
    const op = autozod.operation('get', '/api/sessionLogs/list') as Operation;
    expect(rulesFor(op).map((b) => b.rule.name)).toEqual([
      'autozod-days',
      'autozod-sessions',
      'autozod-summary',
      'autozod-inactive',
      'autozod-percentages',
      'autozod-format',
    ]);
    const exportOp = enneo.operation('get', '/export/reporting_worklog') as Operation;
    expect(() => ruleFor(exportOp, 'voipcube-window')).toThrow(
      'no per-exchange rule voipcube-window judges exportReportingWorklog',
    );
  });
});
