import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { renderVoipcubeError } from '../../../mocks/voipcube/errors.ts';
import { createApp } from '../../../src/app.ts';
import { apiError } from '../../../src/http/errors.ts';
import { KEY, PATH, worldWith } from './app.ts';

describe('renderVoipcubeError', () => {
  it('renders { message, code, parameter } with the catalog status', () => {
    expect(renderVoipcubeError(apiError('PERIOD_TOO_LONG', 'too long', { parameter: 'to' }))).toEqual({
      status: 400,
      body: { message: 'too long', code: 'PERIOD_TOO_LONG', parameter: 'to' },
    });
  });

  it('leaves parameter out when there is none', () => {
    expect(renderVoipcubeError(apiError('UNAUTHENTICATED', 'no key'))).toEqual({
      status: 401,
      body: { message: 'no key', code: 'UNAUTHENTICATED' },
    });
  });
});

describe('errors through createApp (the one error exit)', () => {
  it('a missing `to` names the parameter, as the contract shows', async () => {
    const res = await request(createApp({ world: worldWith([]) }))
      .get(`${PATH}?from=2025-09-01`)
      .set('Key', KEY)
      .expect(400);
    expect(res.body).toEqual({
      message:
        'to is required: give it as YYYY-MM-DD (meaning 00:00:00 UTC) or an ISO 8601 date-time with a zone, e.g. 2023-05-29T15:02:10Z, 2023-05-29T15:02:10.123Z or 2023-05-29T17:02:10+02:00',
      code: 'MISSING_PARAMETER',
      parameter: 'to',
    });
  });
});
