/**
 * Enneo bearer tokens that must be refused: unsigned, another algorithm (algorithm confusion
 * included), the wrong key, a tampered payload or signature, expired, not yet valid. Each is a
 * 403 that says why, over a real socket, and never echoes the server's secret.
 */

import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, DEV, enneoToken, NOW, type Running, startServer } from './helpers.ts';

const EXPORT = '/enneo/api/mind/export/reporting_worklog?limit=1';
const secret = new TextEncoder().encode(DEV.enneo.jwtSecret);
const nowSeconds = Math.floor(NOW / 1000);
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const claims = { sub: '1', userId: 1, permissions: ['reportingPersonalData'] };

/** A token with any header, signed HMAC-SHA256 with the right secret (what a confused verifier would accept). */
function hmacSigned(header: Record<string, unknown>, payload: Record<string, unknown> = claims): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', DEV.enneo.jwtSecret).update(input).digest('base64url')}`;
}

const sign = (alg: string, payload: Record<string, unknown> = claims, key: Uint8Array = secret) =>
  new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);

let running: Running;
let client: ReturnType<typeof createClient>;
let valid: string;

beforeAll(async () => {
  running = await startServer();
  client = createClient(running.port);
  valid = await enneoToken();
});
afterAll(async () => {
  client?.close();
  await running?.close();
});

async function callWith(token: string) {
  const res = await client.send({
    method: 'GET',
    path: EXPORT,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: JSON.parse(res.body.toString()) as Record<string, unknown> };
}

describe('Enneo bearer tokens', () => {
  it('the development token is accepted (the cases below differ from it in one way each)', async () => {
    expect((await callWith(valid)).status).toBe(200);
  });

  const refused: [string, () => Promise<string> | string, RegExp][] = [
    [
      'alg none, no signature',
      () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      /unsigned \(alg "none"\)/,
    ],
    [
      'alg none with the valid signature kept',
      () => `${b64({ alg: 'none' })}.${b64(claims)}.${valid.split('.')[2]}`,
      /unsigned/,
    ],
    ['alg "None" (case games)', () => `${b64({ alg: 'None' })}.${b64(claims)}.`, /alg "None"; only HS256/],
    ['HS512 with the right secret', () => sign('HS512'), /alg "HS512"; only HS256/],
    ['HS384 with the right secret', () => sign('HS384'), /alg "HS384"; only HS256/],
    [
      'RS256 header over an HMAC signature (algorithm confusion)',
      () => hmacSigned({ alg: 'RS256', typ: 'JWT' }),
      /alg "RS256"; only HS256/,
    ],
    ['ES256 header over an HMAC signature', () => hmacSigned({ alg: 'ES256' }), /alg "ES256"; only HS256/],
    ['no alg at all', () => hmacSigned({ typ: 'JWT' }), /only HS256 is accepted/],
    [
      'an unknown critical header',
      () => hmacSigned({ alg: 'HS256', crit: ['x-standin'], 'x-standin': 1 }),
      /./,
    ],
    [
      'the wrong key',
      () => sign('HS256', claims, new TextEncoder().encode(`${DEV.enneo.jwtSecret}-other`)),
      /signature does not verify/,
    ],
    [
      'a tampered payload under the valid signature',
      () => {
        const [h, , s] = valid.split('.');
        return `${h}.${b64({ ...claims, userId: 2, sub: '2' })}.${s}`;
      },
      /signature does not verify/,
    ],
    ['a signature cut short', () => valid.slice(0, -5), /signature does not verify|not a well-formed JWT/],
    [
      'a signature of another token',
      () =>
        `${valid.split('.').slice(0, 2).join('.')}.${hmacSigned({ alg: 'HS256' }, { sub: '9' }).split('.')[2]}`,
      /signature does not verify/,
    ],
    [
      'exp in the past',
      () => sign('HS256', { ...claims, exp: nowSeconds - 60 }),
      /expired at 2025-10-01T07:59:00Z \("exp"\)/,
    ],
    [
      'nbf in the future',
      () => sign('HS256', { ...claims, nbf: nowSeconds + 3600 }),
      /not valid yet: not before 2025-10-01T09:00:00Z \("nbf"\)/,
    ],
    ['exp that is not a number', () => sign('HS256', { ...claims, exp: 'tomorrow' }), /"exp" claim/],
    ['a JWE-shaped token (five parts)', () => `${valid}.x.y`, /not a well-formed JWT/],
    ['not base64url JSON', () => 'abc.def.ghi', /not a well-formed JWT/],
    ['8 kB of token', () => `${valid}${'A'.repeat(8000)}`, /signature does not verify|not a well-formed JWT/],
  ];

  it.each(refused)('%s → 403 saying why', async (_name, make, why) => {
    const { status, body } = await callWith(await make());
    expect(status).toBe(403);
    expect(body.success).toBe(false);
    expect(body.code).toBe('FORBIDDEN');
    expect(body.error).toMatch(why);
    expect(JSON.stringify(body)).not.toContain(DEV.enneo.jwtSecret);
  });

  it('a token exactly at its exp is expired; one a second before is not', async () => {
    expect((await callWith(await sign('HS256', { ...claims, exp: nowSeconds }))).status).toBe(403);
    expect((await callWith(await sign('HS256', { ...claims, exp: nowSeconds + 1 }))).status).toBe(200);
  });

  it('a refused bearer token is not rescued by a valid session cookie sent with it', async () => {
    const res = await client.send({
      method: 'GET',
      path: EXPORT,
      headers: {
        authorization: `Bearer ${b64({ alg: 'none' })}.${b64(claims)}.`,
        cookie: `connect.sid=${DEV.enneo.sessionId}`,
      },
    });
    expect(res.status).toBe(403);
  });
});
