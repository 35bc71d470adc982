/**
 * Auth: requests without credentials or with wrong ones (a foreign signature, an expired JWT, an
 * `alg: none` JWT, an unknown session cookie) are refused with the documented status and get no
 * rows; a given `connect.sid` cookie works on its own.
 */
import { describe } from '../../json-body.ts';
import { expectAuthRefusals, type WrongAuth } from '../../shared/auth.ts';
import type { EndpointRef } from '../../types.ts';
import { craftTokens } from './auth-tokens.ts';
import { type EnneoRun, EXPORT, getExport, getTicket } from './run.ts';

const WRONG_COOKIE = 'connect.sid=standin-verify-unknown-session';

/** Runs the auth checks on one endpoint. */
export async function authChecks(run: EnneoRun, endpoint: EndpointRef): Promise<void> {
  const { ctx } = run;
  // The wall clock, not data: an expired token must lie before the server's now.
  const tokens = await craftTokens(ctx.target.credentials.token, Date.now());
  const wrongs: WrongAuth[] = [
    ['without credentials', 'none'],
    ['with a JWT signed by another key', { headers: { authorization: `Bearer ${tokens.wrongKey}` } }],
    ['with an expired JWT', { headers: { authorization: `Bearer ${tokens.expired}` } }],
    ['with an alg:none JWT', { headers: { authorization: `Bearer ${tokens.algNone}` } }],
    ['with an unknown connect.sid cookie', { headers: { cookie: WRONG_COOKIE } }],
  ];
  const ticketId = run.ticketId ?? 1;
  await expectAuthRefusals(ctx, endpoint, wrongs, (mode) =>
    endpoint === EXPORT ? getExport(run, { limit: 1, format: 'json' }, mode) : getTicket(run, ticketId, mode),
  );
  if (endpoint !== EXPORT) return;

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
