import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../../mocks/enneo/auth.ts';
import { defaultEnneoToken } from '../../../mocks/enneo/token.ts';
import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import { ApiError } from '../../../src/http/errors.ts';
import { BASE, makeApp, makeDeps, makeWorld, NOW, SECRET, serve } from './helpers.ts';

const { server, close } = serve(makeApp(makeDeps(makeWorld(40))));
afterAll(close);

let auth: string;
beforeAll(async () => {
  auth = `Bearer ${await defaultEnneoToken(SECRET)}`;
});

const NAMES = ['limit', 'offset', 'orderByField', 'orderByDirection', 'format', 'other'];
const value = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '1',
    '0',
    '1000',
    'date',
    'asc',
    'desc',
    'csv',
    'xlsx',
    'json',
    '%',
    '%zz',
    '',
    '-0',
    '1e3',
  ),
);

describe('no input makes the Enneo mock answer 5xx', () => {
  it('any export query is answered 200 or a 400 that names a parameter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 6 }),
        async (pairs) => {
          const query = new URLSearchParams(pairs).toString();
          const res = await request(server)
            .get(`${BASE}/export/reporting_worklog?${query}`)
            .set('Authorization', auth);
          if (res.status === 400) {
            expect(res.body).toMatchObject({ success: false, code: 'INVALID_PARAMETER' });
            expect(NAMES).toContain(res.body.parameter);
          } else {
            expect(res.status).toBe(200);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any ticketId path segment is answered 200 or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (raw) => {
        const res = await request(server)
          .get(`${BASE}/ticket/${encodeURIComponent(raw)}/worklog`)
          .set('Authorization', auth);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
  });

  it('a badly percent-encoded ticketId is a 400, not a crash', async () => {
    const res = await request(server).get(`${BASE}/ticket/%E0%A4%A/worklog`).set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      success: false,
      error: 'ticketId is not valid percent-encoding',
      code: 'INVALID_PARAMETER',
      parameter: 'ticketId',
    });
  });

  it('any Authorization or Cookie header fails as a 403 ApiError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(
          fc.oneof(
            fc.string(),
            fc.string().map((s) => `Bearer ${s}`),
          ),
          { nil: undefined },
        ),
        fc.option(fc.string(), { nil: undefined }),
        async (authorization, cookie) => {
          try {
            await authenticate({ authorization, cookie }, DEFAULT_CREDENTIALS.enneo, NOW);
            throw new Error('random credentials were accepted');
          } catch (err) {
            expect(err).toBeInstanceOf(ApiError);
            expect((err as ApiError).status).toBe(403);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
