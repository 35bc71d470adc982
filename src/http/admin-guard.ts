/**
 * Who may use the mock controls: loopback callers, or, once an admin token is set, any caller that
 * presents it (`Authorization: Bearer <token>`) and nobody else.
 */
import type { RequestHandler } from 'express';
import { safeEqual } from './safe-equal.ts';

/** Whether a socket's remote address is on this machine: 127.0.0.0/8, ::1 or IPv4-mapped 127.*. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4)) return true;
  return address === '::1';
}

/**
 * Why a caller may not use the controls, or null when it may. The caller's own address decides,
 * never `X-Forwarded-For`: a proxy in front would make every caller look local, so behind one set
 * an admin token.
 */
export function adminRefusal(
  adminToken: string | undefined,
  caller: { authorization: string | undefined; remoteAddress: string | undefined },
): string | null {
  if (adminToken === undefined) {
    return isLoopbackAddress(caller.remoteAddress)
      ? null
      : 'the mock controls answer only on loopback; start standin with --admin-token to reach them from elsewhere';
  }
  const match = /^Bearer +(\S+) *$/i.exec(caller.authorization ?? '');
  return match && safeEqual(match[1]!, adminToken)
    ? null
    : 'the mock controls require the admin token: send "Authorization: Bearer <admin token>"';
}

/**
 * @deprecated The controls check access in the core (src/core/controls-http.ts) through
 * `adminRefusal`; this Express form remains for callers that mount it themselves.
 */
export function adminGuard(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    const refused = adminRefusal(adminToken, {
      authorization: req.headers.authorization,
      remoteAddress: req.socket.remoteAddress,
    });
    if (refused === null) return next();
    res.status(403).json({ code: 'FORBIDDEN', message: refused });
  };
}
