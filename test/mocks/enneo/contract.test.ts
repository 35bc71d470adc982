import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectionFor } from '../../../mocks/enneo/privacy.ts';
import { defaultEnneoToken, mintEnneoToken } from '../../../mocks/enneo/token.ts';
import type { PrivacyLevel } from '../../../src/config/settings.ts';
import { loadContract, type Operation } from '../../../src/contract/index.ts';
import { generateWorld } from '../../../src/world/index.ts';
import { EXPORT_COLUMNS } from '../../../src/world/types.ts';
import { BASE, binaryParser, makeApp, makeDeps, NOW, SECRET, SESSION, serve } from './helpers.ts';
import { readXlsx } from './read-back.ts';

/* Every body the router answers, checked against contracts/enneo.yaml with the contract loader. */

const world = generateWorld();
const deps = makeDeps(world);
const { server, close } = serve(makeApp(deps));
afterAll(close);

let exportOp: Operation;
let ticketOp: Operation;
const callers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  const contract = await loadContract('enneo');
  exportOp = contract.operation('get', '/export/reporting_worklog');
  ticketOp = contract.operation('get', '/ticket/{ticketId}/worklog');
  callers.permitted = { Authorization: `Bearer ${await defaultEnneoToken(SECRET)}` };
  callers.unpermitted = { Authorization: `Bearer ${await mintEnneoToken(SECRET, { userId: 3, now: NOW })}` };
  callers.cookie = { Cookie: `connect.sid=${SESSION}` };
});

const EXPORT = `${BASE}/export/reporting_worklog`;
type PrivacyRule = { omit: string[]; dateOnly: string[]; omitUnlessPermission: Record<string, string> };

describe.each(['none', 'partiallyPseudonymized', 'pseudonymized'] as PrivacyLevel[])(
  'export bodies under %s validate against the contract',
  (level) => {
    beforeAll(() =>
      deps.settings.set({ enneo: { ...deps.settings.get().enneo, reportingPrivacyLevel: level } }),
    );
    afterAll(() => deps.settings.reset());

    it('every JSON page of the whole export', async () => {
      let seen = 0;
      for (let offset = 0; ; offset += 1000) {
        const res = await request(server)
          .get(`${EXPORT}?limit=1000&offset=${offset}`)
          .set(callers.unpermitted!);
        expect(res.status).toBe(200);
        expect(exportOp.validateResponse(200, res.headers['content-type']!, res.body)).toEqual([]);
        seen += res.body.length;
        if (res.body.length < 1000) break;
      }
      expect(seen).toBe(world.enneo.exportRows.length);
    });

    it.each(['permitted', 'cookie'])('a JSON page for a %s caller', async (caller) => {
      const res = await request(server)
        .get(`${EXPORT}?limit=300&orderByField=userWorklogId`)
        .set(callers[caller]!);
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(300);
      expect(exportOp.validateResponse(200, res.headers['content-type']!, res.body)).toEqual([]);
    });

    it('a csv body and every xlsx row', async () => {
      const csv = await request(server).get(`${EXPORT}?format=csv&limit=100`).set(callers.unpermitted!);
      expect(exportOp.validateResponse(200, csv.headers['content-type']!, csv.text)).toEqual([]);
      const xlsx = await request(server)
        .get(`${EXPORT}?format=xlsx&limit=100`)
        .set(callers.unpermitted!)
        .buffer(true)
        .parse(binaryParser);
      expect(exportOp.mediaTypes(200)).toContain(xlsx.headers['content-type']);
      const { rows } = await readXlsx(xlsx.body as Buffer);
      expect(rows).toHaveLength(100);
      rows.forEach((row, i) => {
        expect(exportOp.validateItem(200, 'application/json', row, i)).toEqual([]);
      });
    });
  },
);

describe('ticket worklog bodies validate against the contract', () => {
  it('for every tenth ticket of the default world, and the empty answer for an unknown one', async () => {
    const ids = [...new Set(world.enneo.ticketWorklogs.map((e) => e.ticketId))].filter(
      (_, i) => i % 10 === 0,
    );
    for (const ticketId of [...ids, 999_999_999]) {
      const res = await request(server).get(`${BASE}/ticket/${ticketId}/worklog`).set(callers.permitted!);
      expect(res.status).toBe(200);
      expect(
        ticketOp.validateResponse(200, res.headers['content-type']!, res.body),
        `ticket ${ticketId}`,
      ).toEqual([]);
    }
  });
});

describe('the contract as the mock reads it', () => {
  it('the validator notices a broken row, so the checks above can fail', () => {
    const row = { ...world.enneo.exportRows[0]!, duration: '206' };
    expect(exportOp.validateResponse(200, 'application/json', [row])).not.toEqual([]);
  });

  it.each(['none', 'partiallyPseudonymized', 'pseudonymized'] as PrivacyLevel[])(
    'x-standin-privacy for %s names exactly the columns the mock omits and shortens',
    (level) => {
      const rule = (exportOp.extensions['x-standin-privacy'] as Record<string, PrivacyRule>)[level]!;
      for (const permissions of [[], ['reportingPersonalData']]) {
        const projection = projectionFor(level, permissions);
        const omitted = EXPORT_COLUMNS.filter((c) => !projection.columns.includes(c));
        const contractOmits = [
          ...rule.omit,
          ...Object.entries(rule.omitUnlessPermission)
            .filter(([, permission]) => !permissions.includes(permission))
            .map(([column]) => column),
        ];
        expect(omitted).toEqual(EXPORT_COLUMNS.filter((c) => contractOmits.includes(c)));
        expect(projection.dateOnly ? ['date'] : []).toEqual(rule.dateOnly);
      }
    },
  );
});

describe('error bodies validate against the contract', () => {
  it.each([
    [`${EXPORT}?limit=0`, 400, 'export'],
    [`${EXPORT}?orderByField=nope`, 400, 'export'],
    [EXPORT, 403, 'export'],
    [`${BASE}/ticket/abc/worklog`, 400, 'ticket'],
    [`${BASE}/ticket/1/worklog`, 403, 'ticket'],
  ] as const)('%s → %i', async (url, status, which) => {
    const req = request(server).get(url);
    const res = await (status === 403 ? req : req.set(callers.permitted!));
    expect(res.status).toBe(status);
    const op = which === 'export' ? exportOp : ticketOp;
    expect(op.validateResponse(status, res.headers['content-type']!, res.body)).toEqual([]);
  });
});
