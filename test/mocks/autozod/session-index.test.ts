import { describe, expect, it } from 'vitest';
import { parseDdMmYyyy } from '../../../mocks/autozod/calendar-day.ts';
import { createSessionIndex } from '../../../mocks/autozod/session-index.ts';
import type { AutozodSession, Person } from '../../../src/world/types.ts';

const A = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbbbbbbbbbb';
const C = 'cccccccccccccccccccccccc';
const day = (text: string) => (parseDdMmYyyy(text) as { day: number }).day;

function person(agentId: string, teamId: string): Person {
  return { enneo: null, voipcube: null, autozod: { agentId, teamId } };
}

const people: Person[] = [
  person(B, '1'),
  person(A, '1'),
  person(C, '2'),
  { enneo: null, voipcube: null, autozod: null },
];
const s = (agentId: string, start: string, end: string, teamId = '1'): AutozodSession => ({
  agentId,
  teamId,
  start,
  end,
});

describe('createSessionIndex', () => {
  it('knows each team and each agent’s team from World.people', () => {
    const index = createSessionIndex({ people, autozod: { sessions: [] } });
    expect(index.agentsOfTeam('1')).toEqual([B, A]);
    expect(index.agentsOfTeam('2')).toEqual([C]);
    expect(index.agentsOfTeam('3')).toEqual([]);
    expect(index.teamOfAgent(A)).toBe('1');
    expect(index.teamOfAgent(C)).toBe('2');
    expect(index.teamOfAgent('dddddddddddddddddddddddd')).toBeUndefined();
  });

  it('gives one entry per day, with empty days, and merges agents by start then agent_id', () => {
    const index = createSessionIndex({
      people,
      autozod: {
        sessions: [
          s(A, '2025-01-31T09:00:00.000Z', '2025-01-31T10:00:00.000Z'),
          s(B, '2025-01-31T08:00:00.000Z', '2025-01-31T09:30:00.500Z'),
          s(A, '2025-02-02T09:00:00.000Z', '2025-02-02T09:00:30.999Z'),
          s(B, '2025-01-31T09:00:00.000Z', '2025-01-31T09:10:00.000Z'),
          s(C, '2025-01-31T09:00:00.000Z', '2025-01-31T12:00:00.000Z', '2'),
        ],
      },
    });
    const days = index.daysFor([B, A], day('31-01-2025'), day('02-02-2025'));
    expect(days.map((d) => d.day)).toEqual([day('31-01-2025'), day('01-02-2025'), day('02-02-2025')]);
    expect(days[0]!.sessions).toEqual([
      {
        agent_id: B,
        start: '2025-01-31T08:00:00.000Z',
        end: '2025-01-31T09:30:00.500Z',
        duration_seconds: 5400,
      },
      {
        agent_id: A,
        start: '2025-01-31T09:00:00.000Z',
        end: '2025-01-31T10:00:00.000Z',
        duration_seconds: 3600,
      },
      {
        agent_id: B,
        start: '2025-01-31T09:00:00.000Z',
        end: '2025-01-31T09:10:00.000Z',
        duration_seconds: 600,
      },
    ]);
    expect(days[1]!.sessions).toEqual([]);
    expect(days[2]!.sessions).toEqual([
      {
        agent_id: A,
        start: '2025-02-02T09:00:00.000Z',
        end: '2025-02-02T09:00:30.999Z',
        duration_seconds: 30,
      },
    ]);
    expect(index.daysFor([A], day('31-01-2025'), day('31-01-2025'))[0]!.sessions).toHaveLength(1);
    expect(index.daysFor([], day('31-01-2025'), day('31-01-2025'))).toEqual([
      { day: day('31-01-2025'), sessions: [] },
    ]);
  });

  it('does not let a request change what the next one sees', () => {
    const index = createSessionIndex({
      people,
      autozod: {
        sessions: [
          s(A, '2025-01-31T09:00:00.000Z', '2025-01-31T10:00:00.000Z'),
          s(B, '2025-01-31T08:00:00.000Z', '2025-01-31T09:00:00.000Z'),
        ],
      },
    });
    const first = index.daysFor([A, B], day('31-01-2025'), day('31-01-2025'))[0]!.sessions;
    expect(first.map((x) => x.agent_id)).toEqual([B, A]);
    expect(
      index.daysFor([A], day('31-01-2025'), day('31-01-2025'))[0]!.sessions.map((x) => x.agent_id),
    ).toEqual([A]);
  });

  it('cuts a session that crosses midnight so each day keeps at most 86,400 s per agent', () => {
    const index = createSessionIndex({
      people,
      autozod: { sessions: [s(A, '2024-12-31T22:00:00.000Z', '2025-01-02T01:00:00.000Z')] },
    });
    const days = index.daysFor([A], day('31-12-2024'), day('02-01-2025'));
    expect(days.map((d) => d.sessions)).toEqual([
      [
        {
          agent_id: A,
          start: '2024-12-31T22:00:00.000Z',
          end: '2025-01-01T00:00:00.000Z',
          duration_seconds: 7200,
        },
      ],
      [
        {
          agent_id: A,
          start: '2025-01-01T00:00:00.000Z',
          end: '2025-01-02T00:00:00.000Z',
          duration_seconds: 86_400,
        },
      ],
      [
        {
          agent_id: A,
          start: '2025-01-02T00:00:00.000Z',
          end: '2025-01-02T01:00:00.000Z',
          duration_seconds: 3600,
        },
      ],
    ]);
  });

  it('keeps a session that ends exactly at midnight on its own day', () => {
    const index = createSessionIndex({
      people,
      autozod: { sessions: [s(A, '2025-03-01T20:00:00.000Z', '2025-03-02T00:00:00.000Z')] },
    });
    const days = index.daysFor([A], day('01-03-2025'), day('02-03-2025'));
    expect(days.map((d) => d.sessions.length)).toEqual([1, 0]);
  });

  it('refuses a world whose session ends before it starts or has no valid time', () => {
    expect(() =>
      createSessionIndex({
        people,
        autozod: { sessions: [s(A, '2025-01-02T00:00:00.000Z', '2025-01-01T00:00:00.000Z')] },
      }),
    ).toThrow(`autozod session of agent ${A} has invalid times`);
    expect(() =>
      createSessionIndex({ people, autozod: { sessions: [s(A, 'yesterday', '2025-01-01T00:00:00.000Z')] } }),
    ).toThrow(RangeError);
  });
});
