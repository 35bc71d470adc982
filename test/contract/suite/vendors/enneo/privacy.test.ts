import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../../../../src/contract/loader.ts';
import {
  type ExportView,
  readExportView,
  ruleAssumed,
} from '../../../../../src/contract/suite/vendors/enneo/contract-view.ts';
import {
  columnProblems,
  expectColumns,
  expectedHeader,
  firstTimedCell,
  firstUntimedCell,
} from '../../../../../src/contract/suite/vendors/enneo/privacy.ts';

let view: ExportView;
let ruleIsAssumed: (id: string) => boolean;
beforeAll(async () => {
  const op = (await loadContract('enneo')).operation('get', '/export/reporting_worklog');
  view = readExportView(op);
  ruleIsAssumed = (id) => ruleAssumed(op, id);
});

const HIDDEN = ['ticketId', 'conversationId', 'userId', 'email', 'rawData'];

describe('the export view read from contracts/enneo.yaml', () => {
  it('has the 35 documented columns in order, each orderable, and three privacy levels', () => {
    expect(view.columns).toHaveLength(35);
    expect(view.columns.slice(0, 3).map((c) => c.name)).toEqual(['date', 'name', 'ticketId']);
    expect(view.columns.at(-1)).toEqual({ name: 'timesSetToOpen', type: 'integer', nullable: false });
    expect(view.columns.find((c) => c.name === 'textAssistanceAccuracy')).toEqual({
      name: 'textAssistanceAccuracy',
      type: 'number',
      nullable: true,
    });
    expect(view.orderByFields).toEqual(view.columns.map((c) => c.name));
    expect(Object.keys(view.privacy)).toEqual(['none', 'partiallyPseudonymized', 'pseudonymized']);
    expect(view.dispositionPattern?.test('attachment; filename="reporting_worklog.csv"')).toBe(true);
  });

  it('knows which rules are documented and which are assumed', () => {
    expect(ruleIsAssumed('privacy-levels')).toBe(false);
    expect(ruleIsAssumed('order-tiebreak')).toBe(true);
    expect(ruleIsAssumed('a-rule-nobody-wrote')).toBe(true);
  });
});

describe('the columns a privacy level promises', () => {
  it('none keeps all 35 columns, date with its time', () => {
    const e = expectColumns(view, 'none', () => true);
    expect(e.kept).toHaveLength(35);
    expect(e).toMatchObject({ omitted: [], uncertain: [], dateOnly: [], timed: ['date'] });
  });

  it('pseudonymized omits the five identifying columns and cuts date to the day', () => {
    const e = expectColumns(view, 'pseudonymized', () => true);
    expect(e.omitted).toEqual(HIDDEN);
    expect(e.kept).toHaveLength(30);
    expect(e).toMatchObject({ uncertain: [], dateOnly: ['date'], timed: [] });
  });

  it('partiallyPseudonymized hides email without the permission, shows it with, and leaves it open when unknown', () => {
    expect(expectColumns(view, 'partiallyPseudonymized', () => false).omitted).toEqual(['email']);
    expect(
      expectColumns(view, 'partiallyPseudonymized', (p) => p === 'reportingPersonalData').omitted,
    ).toEqual([]);
    const unknown = expectColumns(view, 'partiallyPseudonymized', () => undefined);
    expect(unknown).toMatchObject({ omitted: [], uncertain: ['email'] });
    expect(unknown.kept).not.toContain('email');
    expect(expectedHeader(view, unknown, new Set(['email']))).toContain('email');
    expect(expectedHeader(view, unknown, new Set())).not.toContain('email');
  });

  it('reports a leaked column and a missing one', () => {
    const e = expectColumns(view, 'pseudonymized', () => true);
    const kept = new Set(e.kept);
    expect(columnProblems([...kept], e)).toEqual([]);
    expect(
      columnProblems(
        [...kept, 'email'].filter((c) => c !== 'name'),
        e,
      ),
    ).toEqual(['carries email, which the level omits', 'lacks name, which the level keeps']);
  });

  it('finds a date that kept its time, and a timestamp that lost it', () => {
    expect(firstTimedCell([{ date: '2024-05-10' }], ['date'])).toBeUndefined();
    expect(firstTimedCell([{ date: '2024-05-10' }, { date: '2024-05-10 14:52:37' }], ['date'])).toBe(
      'row 1: date is "2024-05-10 14:52:37", not YYYY-MM-DD',
    );
    expect(firstUntimedCell([{ date: '2024-05-10 14:52:37' }], ['date'])).toBeUndefined();
    expect(firstUntimedCell([{ date: '2024-05-10' }], ['date'])).toBe(
      'row 0: date is "2024-05-10", without its time',
    );
  });
});
