/**
 * Auth: requests without credentials or with wrong ones (a foreign signature, an expired JWT, an
 * `alg: none` JWT, an unknown session cookie) are refused with the documented 403 and get no rows;
 * a given `connect.sid` cookie works on its own.
 */
import type { HttpResponse } from '../../http-client.ts';
import { describe, jsonBody } from '../../json-body.ts';
import type { AuthMode, EndpointRef } from '../../types.ts';
import { craftTokens } from './auth-tokens.ts';
import { type EnneoRun, EXPORT, getExport, getTicket, TICKET } from './run.ts';

const WRONG_COOKIE = 'connect.sid=standin-verify-unknown-session';

/** Runs the auth checks on both endpoints. */
export async function authChecks(run: EnneoRun): Promise<void> {
  const { ctx } = run;
  // The wall clock, not data: an expired token must lie before the server's now.
  const tokens = await craftTokens(ctx.target.credentials.token, Date.now());
  const modes: [string, AuthMode][] = [
    ['without credentials', 'none'],
    ['with a JWT signed by another key', { headers: { authorization: `Bearer ${tokens.wrongKey}` } }],
    ['with an expired JWT', { headers: { authorization: `Bearer ${tokens.expired}` } }],
    ['with an alg:none JWT', { headers: { authorization: `Bearer ${tokens.algNone}` } }],
    ['with an unknown connect.sid cookie', { headers: { cookie: WRONG_COOKIE } }],
  ];
  const ticketId = run.ticketId ?? 1;
  for (const [label, mode] of modes) {
    refused(run, EXPORT, label, await getExport(run, { limit: 1, format: 'json' }, mode));
    refused(run, TICKET, label, await getTicket(run, ticketId, mode));
  }

  // With both a token and a cookie, the plan speaks with the token; the cookie must work alone too.
  const { token, cookie } = ctx.target.credentials;
  if (token && cookie) {
    const header = cookie.includes('=') ? cookie : `connect.sid=${cookie}`;
    const r = await getExport(run, { limit: 1, format: 'json' }, { headers: { cookie: header } });
    ctx.expect('auth', EXPORT, 'the given connect.sid cookie alone is accepted', r.status === 200, {
      message: `got ${describe(r)}`,
      request: r.url,
    });
  }
}

function refused(run: EnneoRun, endpoint: EndpointRef, label: string, r: HttpResponse): void {
  const body = jsonBody(r);
  const served = Array.isArray(body) && body.length > 0;
  run.ctx.expect(
    'auth',
    endpoint,
    `a request ${label} is refused with 403 and gets nothing`,
    r.status === 403 && !served,
    {
      message: `expected 403 (documented "Unauthorized"), got ${describe(r)}`,
      request: r.url,
    },
  );
}
