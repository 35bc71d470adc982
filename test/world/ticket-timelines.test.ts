/**
 * A ticket's rows tell one story in time: its department is the one handling it on every row,
 * its status is the status at that action (nothing reads open after the final close), and the
 * default world shows every documented value (status `active` as in the doc's example,
 * aiAutomationLevel 0–5).
 */
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../src/world/index.ts';
import type { ExportRow } from '../../src/world/types.ts';
import { groupBy } from './helpers.ts';

const world = generateWorld();
const tickets = groupBy(world.enneo.exportRows, (r) => r.ticketId);

/** Rows of a ticket in time order (the export's canonical order is by start, then worklog id). */
const inTime = (rows: readonly ExportRow[]) =>
  [...rows].sort((a, b) => a.date.localeCompare(b.date) || (a.userWorklogId ?? 0) - (b.userWorklogId ?? 0));

describe('the default world: ticket timelines', () => {
  it('gives every row of a ticket the same department', () => {
    const mixed = [...tickets].filter(([, rows]) => new Set(rows.map((r) => r.department)).size > 1);
    expect(mixed.map(([id]) => id)).toEqual([]);
  });

  it('records the department of the agent who took the ticket first', () => {
    const people = new Map(
      world.people.flatMap((p) => (p.enneo ? [[p.enneo.userId, p.enneo.department]] : [])),
    );
    const wrong = [...tickets].filter(
      ([, rows]) => rows[0]!.department !== people.get(inTime(rows)[0]!.userId ?? -1),
    );
    expect(wrong.map(([id]) => id)).toEqual([]);
  });

  it('has no row after a closed ticket’s final close', () => {
    const late = [...tickets].filter(([, rows]) => {
      const close = rows[0]!.closingDateForSLA;
      return close !== null && rows.some((r) => r.date > close);
    });
    expect(late.map(([id]) => id)).toEqual([]);
  });

  it('ends every closed ticket on a closing row, and reads `open` only before a close or after a reopening', () => {
    const broken = [...tickets].filter(([, rows]) => {
      const ordered = inTime(rows);
      const last = ordered[ordered.length - 1]!;
      if (last.closingDateForSLA !== null && last.status !== 'closed') return true;
      // After a close, the next row must be the reopened ticket (open), never a silent `active`/`pending`.
      return ordered.some(
        (r, i) =>
          i > 0 && ordered[i - 1]!.status === 'closed' && r.status !== 'open' && r.status !== 'closed',
      );
    });
    expect(broken.map(([id]) => id)).toEqual([]);
  });

  it('shows every status the timeline knows, the doc example’s `active` included', () => {
    expect(new Set(world.enneo.exportRows.map((r) => r.status))).toEqual(
      new Set(['open', 'active', 'pending', 'closed']),
    );
  });

  it('shows every documented aiAutomationLevel from 0 to 5', () => {
    const levels = [...new Set(world.enneo.exportRows.map((r) => r.aiAutomationLevel))].sort();
    expect(levels).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
