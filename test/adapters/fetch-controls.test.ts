/** The controls through the fetch handler: the same /__standin/ answers as the server gives. */
import { describe, expect, it } from 'vitest';
import { createFetchHandler } from '../../src/fetch.ts';
import { CLOCK, doorWorld } from './world.ts';

const url = (path: string) => `http://standin.test${path}`;
const put = (body: string, headers: Record<string, string> = {}) =>
  new Request(url('/__standin/settings'), {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });

describe('the controls through the fetch handler', () => {
  it('PUT /__standin/settings changes what the vendor answers, and GET shows it', async () => {
    const handle = createFetchHandler({ world: doorWorld(), clock: CLOCK });
    const res = await handle(put('{"enneo":{"defaultDateExportFormat":"xlsx"}}'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'xlsx' },
    });
    expect(await handle.controls.getSettings()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'xlsx' },
    });
  });

  it('refuses bad bodies as the server does: not JSON 400, not a JSON type 415, too large 413', async () => {
    const handle = createFetchHandler({ world: doorWorld() });
    const bad = await handle(put('{"enneo":'));
    expect([bad.status, await bad.json()]).toEqual([
      400,
      { code: 'MALFORMED_BODY', message: 'the request body is not valid JSON' },
    ]);
    const text = await handle(put('x', { 'Content-Type': 'text/plain' }));
    expect(text.status).toBe(415);
    const large = await handle(put(`{"enneo":{"x":"${'a'.repeat(70_000)}"}}`));
    expect([large.status, ((await large.json()) as { code: string }).code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    expect(await handle.controls.getSettings()).toEqual({
      enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' },
    });
  });

  it('a caller the host names as remote is refused unless it presents the admin token', async () => {
    const open = createFetchHandler({ world: doorWorld() });
    const remote = { remoteAddress: '203.0.113.9' };
    const refused = await open(new Request(url('/__standin/settings')), remote);
    expect(refused.status).toBe(403);
    expect(await open(new Request(url('/__standin/settings')))).toHaveProperty('status', 200);
    // Health alone answers anyone: probes call from elsewhere and carry no token.
    expect((await open(new Request(url('/__standin/health')), remote)).status).toBe(200);

    const guarded = createFetchHandler({ world: doorWorld(), adminToken: 'fetch-admin-token' });
    expect((await guarded(new Request(url('/__standin/settings')))).status).toBe(403);
    const allowed = await guarded(
      new Request(url('/__standin/settings'), { headers: { Authorization: 'Bearer fetch-admin-token' } }),
      remote,
    );
    expect([allowed.status, await allowed.json()]).toEqual([
      200,
      { enneo: { reportingPrivacyLevel: 'none', defaultDateExportFormat: 'json' } },
    ]);
  });

  it('a path no vendor serves is a 404 that says where things are', async () => {
    const handle = createFetchHandler({ world: doorWorld() });
    const res = await handle(new Request(url('/nowhere')));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND', controls: '/__standin/' });
  });
});
