import { describe, expect, it } from 'vitest';
import { assertSortable, projectionFor, projectRow } from '../../../mocks/enneo/privacy.ts';
import { EXPORT_COLUMNS } from '../../../src/world/types.ts';
import { makeRow } from './helpers.ts';

const row = makeRow();

describe('privacy projection', () => {
  it('none shows every column in documented order, whatever the permissions', () => {
    const projected = projectRow(row, projectionFor('none', []));
    expect(Object.keys(projected)).toEqual([...EXPORT_COLUMNS]);
    expect(projected).toEqual(row);
  });

  it('partiallyPseudonymized omits email without reportingPersonalData and shows it with', () => {
    const hidden = projectRow(row, projectionFor('partiallyPseudonymized', ['other']));
    expect(Object.keys(hidden)).toEqual(EXPORT_COLUMNS.filter((c) => c !== 'email'));
    expect('email' in hidden).toBe(false);
    expect(hidden.date).toBe('2024-05-10 14:52:37');
    const shown = projectRow(row, projectionFor('partiallyPseudonymized', ['reportingPersonalData']));
    expect(shown).toEqual(row);
  });

  it('pseudonymized keeps only the date portion and omits the five identifying columns', () => {
    for (const permissions of [[], ['reportingPersonalData']]) {
      const projected = projectRow(row, projectionFor('pseudonymized', permissions), (id) => `User of ${id}`);
      const omitted = ['ticketId', 'conversationId', 'userId', 'email', 'rawData'];
      expect(Object.keys(projected)).toEqual(EXPORT_COLUMNS.filter((c) => !omitted.includes(c)));
      expect(projected.date).toBe('2024-05-10');
      expect(projected.name).toBe(`User of ${row.userId}`);
      // Other timestamps are not named by the doc's privacy note and keep their time.
      expect(projected.closingDateForSLA).toBe('2024-05-13 16:15:00');
    }
  });

  it('refuses to order by an omitted column and allows the visible ones', () => {
    const pseudo = projectionFor('pseudonymized', []);
    for (const column of ['ticketId', 'conversationId', 'userId', 'email', 'rawData'] as const) {
      expect(() => assertSortable(pseudo, column)).toThrow(
        `orderByField ${column} is not available under the current reportingPrivacyLevel`,
      );
    }
    expect(() => assertSortable(pseudo, 'date')).not.toThrow();
    expect(() => assertSortable(projectionFor('partiallyPseudonymized', []), 'email')).toThrow(
      /orderByField email/,
    );
    expect(() =>
      assertSortable(projectionFor('partiallyPseudonymized', ['reportingPersonalData']), 'email'),
    ).not.toThrow();
  });
});
