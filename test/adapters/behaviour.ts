/**
 * The vendor behaviour every door must show, written once (Hono's runTest pattern) and run through
 * Express, the fetch handler and MSW: the same request gives the same status, the same headers that
 * matter and the same bytes as the core answers itself, and long answers stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/config/credentials.ts';
import type { Controls } from '../../src/core/controls.ts';
import { defaultEnneoToken } from '../../src/core/registry.ts';
import { coreAnswer, doorWorld } from './world.ts';

/** An answer as a door delivered it; `streamed` when it came without a Content-Length, in pieces. */
export interface DoorAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  streamed: boolean;
}

/** One door under test: sends a request at standin's own paths, and the instance's controls. */
export interface Door {
  send(method: string, target: string, headers: Record<string, string>): Promise<DoorAnswer | 'reset'>;
  controls: Controls;
  close(): Promise<void>;
}

/** Headers a client acts on; compared across doors exactly. */
const COMPARED = [
  'content-type',
  'content-disposition',
  'allow',
  'www-authenticate',
  'preference-applied',
  'x-content-type-options',
] as const;

const KEY = { Key: DEFAULT_CREDENTIALS.voipcube.key };
const AUTOZOD = { Authorization: `Bearer ${DEFAULT_CREDENTIALS.autozod.token}` };
const EXPORT = '/enneo/api/mind/export/reporting_worklog';
const STATUSES = '/voipcube/stats/user-statuses';
const SESSIONS = '/autozod/api/sessionLogs/list';

export function describeDoor(name: string, open: () => Promise<Door>): void {
  describe(`${name}: the vendor behaviour`, () => {
    let door: Door;
    let enneo: Record<string, string>;
    beforeAll(async () => {
      door = await open();
      enneo = { Authorization: `Bearer ${await defaultEnneoToken(DEFAULT_CREDENTIALS.enneo.jwtSecret)}` };
    });
    afterAll(() => door.close());

    /** Sends through the door and checks status, headers and bytes against the core's own answer. */
    async function same(
      method: string,
      target: string,
      headers: Record<string, string>,
    ): Promise<DoorAnswer> {
      const [got, want] = await Promise.all([
        door.send(method, target, headers),
        coreAnswer(method, target, headers),
      ]);
      if (got === 'reset' || want === 'reset') throw new Error(`unexpected reset: ${method} ${target}`);
      expect(got.status).toBe(want.status);
      for (const header of COMPARED)
        expect([header, got.headers[header]]).toEqual([header, want.headers[header]]);
      if (want.headers['content-length'] !== undefined) {
        expect(got.headers['content-length']).toBe(want.headers['content-length']);
      }
      expect(got.body.equals(want.body)).toBe(true);
      return got;
    }

    const json = (answer: DoorAnswer) => JSON.parse(answer.body.toString('utf8')) as unknown;

    it('Enneo export pages: JSON, CSV and xlsx, byte for byte', async () => {
      const page = await same('GET', `${EXPORT}?limit=5&orderByField=duration&orderByDirection=asc`, enneo);
      expect(page.status).toBe(200);
      expect(json(page)).toHaveLength(5);
      const csv = await same('GET', `${EXPORT}?limit=3&format=csv`, enneo);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="reporting_worklog.csv"');
      expect(csv.body.toString('utf8').split('\r\n')).toHaveLength(5);
      const xlsx = await same('GET', `${EXPORT}?limit=3&format=xlsx`, enneo);
      expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('Enneo ticket worklogs and the cookie session', async () => {
      const cookie = { Cookie: `connect.sid=${DEFAULT_CREDENTIALS.enneo.sessionId}` };
      const first = json(await same('GET', `${EXPORT}?limit=1`, cookie)) as { ticketId: number }[];
      const worklog = await same('GET', `/enneo/api/mind/ticket/${first[0]!.ticketId}/worklog`, cookie);
      expect((json(worklog) as unknown[]).length).toBeGreaterThan(0);
    });

    it('VoIPcube: a short answer has a length, a long one streams, and both parse', async () => {
      const short = await same('GET', `${STATUSES}?from=2025-09-01&to=2025-09-02&size=10`, KEY);
      expect(short.streamed).toBe(false);
      expect(json(short)).toHaveLength(10);
      const long = await same('GET', `${STATUSES}?from=2025-09-01&to=2025-10-01`, KEY);
      expect(long.streamed).toBe(true);
      expect(long.body.length).toBeGreaterThan(500_000);
      expect((json(long) as unknown[]).length).toBeGreaterThan(4000);
    });

    it('Autozod: a team summary', async () => {
      const team = doorWorld().people.find((p) => p.autozod !== null)!.autozod!.teamId;
      const query = `team_id=${team}&start_date=01-09-2025&end_date=30-09-2025`;
      const summary = await same('GET', `${SESSIONS}?${query}`, AUTOZOD);
      expect(summary.status).toBe(200);
      expect(json(summary)).toMatchObject({ success: true });
    });

    it("every vendor's errors, in its own shape, naming the parameter", async () => {
      const to = await same('GET', `${STATUSES}?from=2025-09-01`, KEY);
      expect(to.status).toBe(400);
      expect(json(to)).toMatchObject({ code: 'MISSING_PARAMETER', parameter: 'to' });
      expect(Object.keys(json(to) as object)).toEqual(['message', 'code', 'parameter']);
      const limit = await same('GET', `${EXPORT}?limit=0`, enneo);
      expect(json(limit)).toMatchObject({ success: false, code: 'INVALID_PARAMETER', parameter: 'limit' });
      const forbidden = await same('GET', EXPORT, {});
      expect(forbidden.status).toBe(403);
      const unauthenticated = await same('GET', SESSIONS, {});
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers['www-authenticate']).toBe('Bearer realm="autozod"');
      const method = await same('POST', STATUSES, KEY);
      expect([method.status, method.headers.allow]).toEqual([405, 'GET, HEAD']);
      const missing = await same('GET', '/voipcube/stats/nothing', KEY);
      expect(json(missing)).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('faults: Prefer and fault rules answer the vendor-shaped status; a reset drops the connection', async () => {
      const asked = await same('GET', `${STATUSES}?from=2025-09-01&to=2025-09-02`, {
        ...KEY,
        Prefer: 'code=503',
      });
      expect([asked.status, asked.headers['preference-applied']]).toEqual([503, 'code=503']);
      expect(json(asked)).toMatchObject({ code: 'INJECTED_FAULT' });
      const rule = await door.controls.addFaultRule({ vendor: 'autozod', probability: 1, code: 429 });
      try {
        const ruled = await door.send('GET', SESSIONS, AUTOZOD);
        expect(ruled === 'reset' ? 'reset' : [ruled.status, json(ruled)]).toEqual([
          429,
          {
            success: false,
            message: `fault injected: status 429 (fault rule ${rule.id})`,
            code: 'INJECTED_FAULT',
          },
        ]);
      } finally {
        await door.controls.removeFaultRule(rule.id);
      }
      expect(
        await door.send('GET', `${STATUSES}?from=2025-09-01&to=2025-09-02`, {
          ...KEY,
          Prefer: 'fault=reset',
        }),
      ).toBe('reset');
    });

    it('the journal and settings through the in-process controls', async () => {
      await door.controls.clearRequests();
      await door.send('GET', `${STATUSES}?from=2025-09-01&to=2025-09-02&size=1`, KEY);
      const entries = await door.controls.listRequests({ vendor: 'voipcube' });
      expect(entries.map((e) => [e.path, e.status, e.headers.key])).toEqual([
        [STATUSES, 200, 'stan…(24 chars)'],
      ]);
      await door.controls.putSettings({ enneo: { defaultDateExportFormat: 'csv' } });
      try {
        const page = await door.send('GET', `${EXPORT}?limit=1`, enneo);
        expect(page === 'reset' ? page : page.headers['content-type']).toBe('text/csv; charset=utf-8');
      } finally {
        await door.controls.reset();
      }
      expect(await door.controls.listRequests()).toEqual([]);
    });
  });
}
