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

function refuse(res: Parameters<RequestHandler>[1], message: string): void {
  res.status(403).json({ code: 'FORBIDDEN', message });
}

/**
 * Guards the controls. The socket's own address decides, never `X-Forwarded-For`: a proxy in
 * front would make every caller look local, so behind one set an admin token.
 */
export function adminGuard(adminToken: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (adminToken === undefined) {
      if (isLoopbackAddress(req.socket.remoteAddress)) return next();
      refuse(
        res,
        'the mock controls answer only on loopback; start standin with --admin-token to reach them from elsewhere',
      );
      return;
    }
    const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
    if (match && safeEqual(match[1]!, adminToken)) return next();
    refuse(res, 'the mock controls require the admin token: send "Authorization: Bearer <admin token>"');
  };
}
