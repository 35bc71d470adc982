import { describe, expect, it } from 'vitest';
import { parseTicketId, TicketWorklogIndex } from '../../../mocks/enneo/ticket-worklogs.ts';
import type { ApiError } from '../../../src/http/errors.ts';
import { makeWorld } from './helpers.ts';

describe('ticket worklogs', () => {
  it('reads a positive integer ticket id', () => {
    expect(parseTicketId('1')).toBe(1);
    expect(parseTicketId('8821')).toBe(8821);
  });

  it.each(['0', '-1', '1.5', 'abc', '', '1e3', ' 1'])(
    'rejects ticketId %j with 400 naming ticketId',
    (raw) => {
      let err: ApiError | undefined;
      try {
        parseTicketId(raw);
      } catch (e) {
        err = e as ApiError;
      }
      expect([err?.status, err?.code, err?.parameter, err?.message]).toEqual([
        400,
        'INVALID_PARAMETER',
        'ticketId',
        `ticketId must be a positive integer, got ${JSON.stringify(raw)}`,
      ]);
    },
  );

  it('answers every entry of a ticket ordered by date then id, and [] for an unknown ticket', () => {
    const world = makeWorld(120);
    const index = new TicketWorklogIndex(world.enneo.ticketWorklogs);
    let seen = 0;
    for (const ticketId of new Set(world.enneo.ticketWorklogs.map((e) => e.ticketId))) {
      const expected = world.enneo.ticketWorklogs
        .filter((e) => e.ticketId === ticketId)
        .sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
      const got = JSON.parse(index.json(ticketId));
      expect(got).toEqual(expected);
      seen += got.length;
    }
    expect(seen).toBe(120);
    expect(index.json(99_999)).toBe('[]');
  });
});
