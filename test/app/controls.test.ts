import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEV, enneoToken, smallWorld, VOIPCUBE_OK } from './helpers.ts';

const app = () => createApp({ world: smallWorld(), clock: () => Date.parse('2025-10-01T08:00:00Z') });
const EXPORT = '/enneo/api/mind/export/reporting_worklog';

describe('GET /__standin/health', () => {
  it('answers {"status":"ok"} with no-store', async () => {
    const res = await request(app()).get('/__standin/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('settings', () => {
  it('GET shows the start-up settings, including those given to createApp', async () => {
    const a = createApp({ world: smallWorld(), settings: { enneo: { defaultDateExportFormat: 'csv' } } });
    const res = await request(a).get('/__standin/settings').expect(200);
    expect(res.body).toEqual({ enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'csv' } });
  });

  it('PUT changes the settings, and the vendor answers by them at once', async () => {
    const a = app();
    const token = await enneoToken();
    const before = await request(a).get(EXPORT).set('Authorization', `Bearer ${token}`).expect(200);
    expect(before.headers['content-type']).toMatch(/^application\/json/);

    const put = await request(a)
      .put('/__standin/settings')
      .send({ enneo: { reportingPrivacyLevel: 'pseudonymized', defaultDateExportFormat: 'csv' } })
      .expect(200);
    expect(put.body).toEqual({
      enneo: { reportingPrivacyLevel: 'pseudonymized', defaultDateExportFormat: 'csv' },
    });

    const after = await request(a).get(EXPORT).set('Authorization', `Bearer ${token}`).expect(200);
    expect(after.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('PUT with one setting keeps the others', async () => {
    const a = app();
    await request(a)
      .put('/__standin/settings')
      .send({ enneo: { defaultDateExportFormat: 'xlsx' } })
      .expect(200);
    const res = await request(a).get('/__standin/settings').expect(200);
    expect(res.body).toEqual({ enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'xlsx' } });
  });

  it.each([
    [
      { enneo: { reportingPrivacyLevel: 'secret', defaultDateExportFormat: 'csv' } },
      'enneo.reportingPrivacyLevel',
      'enneo.reportingPrivacyLevel must be one of none, partiallyPseudonymized, pseudonymized',
      ['none', 'partiallyPseudonymized', 'pseudonymized'],
    ],
    [
      { enneo: { defaultDateExportFormat: 'pdf' } },
      'enneo.defaultDateExportFormat',
      'enneo.defaultDateExportFormat must be one of json, csv, xlsx',
      ['json', 'csv', 'xlsx'],
    ],
    [
      { enneo: { colour: 'blue' } },
      'enneo.colour',
      'unknown setting enneo.colour; enneo has reportingPrivacyLevel, defaultDateExportFormat',
      ['reportingPrivacyLevel', 'defaultDateExportFormat'],
    ],
    [{ voipcube: {} }, 'voipcube', 'unknown settings group "voipcube"; the settings are enneo', ['enneo']],
  ])('PUT %j → 400 naming %s, and nothing changes', async (body, field, message, allowed) => {
    const a = app();
    const res = await request(a).put('/__standin/settings').send(body).expect(400);
    expect(res.body).toEqual({ code: 'INVALID_PARAMETER', message, field, allowed });
    const now = await request(a).get('/__standin/settings').expect(200);
    expect(now.body).toEqual({ enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' } });
  });

  it('PUT with a body that is not JSON, or not an object, is refused', async () => {
    const a = app();
    const bad = await request(a)
      .put('/__standin/settings')
      .set('Content-Type', 'application/json')
      .send('{"enneo":')
      .expect(400);
    expect(bad.body).toEqual({ code: 'MALFORMED_BODY', message: 'the request body is not valid JSON' });
    const text = await request(a)
      .put('/__standin/settings')
      .set('Content-Type', 'text/plain')
      .send('x')
      .expect(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const array = await request(a).put('/__standin/settings').send([1]).expect(400);
    expect(array.body.field).toBe('body');
  });

  it('a __proto__ key is refused and pollutes nothing', async () => {
    const a = app();
    const res = await request(a)
      .put('/__standin/settings')
      .set('Content-Type', 'application/json')
      .send('{"enneo":{"__proto__":{"polluted":"yes"}}}')
      .expect(400);
    expect(res.body.field).toBe('enneo.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an oversized control body is refused with 413', async () => {
    const res = await request(app())
      .put('/__standin/settings')
      .set('Content-Type', 'application/json')
      .send(`{"enneo":{"x":"${'a'.repeat(70_000)}"}}`)
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('POST /__standin/reset', () => {
  it('puts settings, faults and journal back to their start-up values', async () => {
    const a = createApp({
      world: smallWorld(),
      settings: { enneo: { reportingPrivacyLevel: 'pseudonymized' } },
    });
    await request(a)
      .put('/__standin/settings')
      .send({ enneo: { reportingPrivacyLevel: 'none' } })
      .expect(200);
    await request(a).post('/__standin/faults').send({ probability: 1, code: 500 }).expect(201);
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(500);

    await request(a).post('/__standin/reset').expect(204);

    expect((await request(a).get('/__standin/settings')).body).toEqual({
      enneo: { reportingPrivacyLevel: 'pseudonymized', defaultDateExportFormat: 'json' },
    });
    expect((await request(a).get('/__standin/faults')).body).toEqual({ rules: [] });
    expect((await request(a).get('/__standin/requests')).body).toEqual({ requests: [] });
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    // Ids go on counting after a reset: id 1 (the faulted request) is never given again.
    const journal = await request(a).get('/__standin/requests');
    expect(journal.body.requests.map((r: { id: number }) => r.id)).toEqual([2]);
  });
});

describe('unknown paths', () => {
  it('answer 404 with a message listing the vendor base paths and the controls', async () => {
    const res = await request(app()).get('/api/mind/export/reporting_worklog').expect(404);
    expect(res.body).toEqual({
      code: 'NOT_FOUND',
      message:
        'no route for GET /api/mind/export/reporting_worklog: vendors are served under /enneo/api/mind, /voipcube, /autozod; the mock controls under /__standin/; the docs at /',
      basePaths: ['/enneo/api/mind', '/voipcube', '/autozod'],
      controls: '/__standin/',
    });
  });

  it("inside a vendor base path get a 404 in that vendor's error shape, with the same listing", async () => {
    const res = await request(app())
      .get('/voipcube/stats/nothing-here')
      .set('Key', DEV.voipcube.key)
      .expect(404);
    expect(res.body).toEqual({
      message:
        "no route for GET /voipcube/stats/nothing-here: vendors are served under /enneo/api/mind, /voipcube, /autozod; the mock controls under /__standin/; the docs at /; this vendor's docs are at /docs/voipcube/",
      code: 'NOT_FOUND',
    });
    const enneo = await request(app()).get('/enneo/api/mind/nothing').expect(404);
    expect(enneo.body).toMatchObject({ success: false, code: 'NOT_FOUND' });
  });

  it('under /__standin/ list the controls, and a wrong method is a 405 with Allow', async () => {
    const a = app();
    const missing = await request(a).get('/__standin/nope').expect(404);
    expect(missing.body.message).toBe(
      'no control at /__standin/nope; the controls are /__standin/health, /__standin/settings, /__standin/reset, /__standin/requests, /__standin/requests/count, /__standin/requests/wait, /__standin/faults, /__standin/faults/:id, /__standin/stubs, /__standin/stubs/:id, /__standin/scenarios, /__standin/scenarios/reset, /__standin/scenarios/:name',
    );
    const wrong = await request(a).post('/__standin/health').expect(405);
    expect(wrong.headers.allow).toBe('GET');
    expect(wrong.body).toEqual({
      code: 'METHOD_NOT_ALLOWED',
      message: 'POST is not allowed on /__standin/health; use GET',
    });
  });
});

describe('two apps in one process', () => {
  it('keep their own settings, faults and journals', async () => {
    const a = app();
    const b = app();
    await request(a)
      .put('/__standin/settings')
      .send({ enneo: { reportingPrivacyLevel: 'pseudonymized' } })
      .expect(200);
    await request(a).post('/__standin/faults').send({ probability: 1, code: 503 }).expect(201);
    await request(a).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(503);

    await request(b).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    expect((await request(b).get('/__standin/settings')).body.enneo.reportingPrivacyLevel).toBe('none');
    expect((await request(b).get('/__standin/faults')).body).toEqual({ rules: [] });
    expect((await request(b).get('/__standin/requests')).body.requests).toHaveLength(1);
    expect((await request(a).get('/__standin/requests')).body.requests).toHaveLength(1);
  });
});

describe('security headers', () => {
  it('every answer carries nosniff; vendor answers keep their own content type', async () => {
    const res = await request(app()).get(VOIPCUBE_OK).set('Key', DEV.voipcube.key).expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a vendor request declaring a body over 1 MiB is refused with a vendor-shaped 413', async () => {
    const res = await request(app())
      .get(VOIPCUBE_OK)
      .set('Key', DEV.voipcube.key)
      .set('Content-Type', 'application/json')
      .send(`"${'x'.repeat(1024 * 1024)}"`)
      .expect(413);
    expect(res.body).toEqual({
      message: 'the request body is larger than 1048576 bytes',
      code: 'PAYLOAD_TOO_LARGE',
    });
  });
});
