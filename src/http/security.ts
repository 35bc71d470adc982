/**
 * Security headers and request limits that protect a shared dev host without getting in an
 * integrator's way: no CORS changes, no HSTS (the mock speaks plain HTTP), nothing that alters a
 * vendor's body or status.
 */
import type { Request, RequestHandler, Response } from 'express';

/** Vendor endpoints are all GETs; a body this large is never legitimate. */
export const VENDOR_BODY_LIMIT_BYTES = 1024 * 1024;

/** `nosniff` on every answer: JSON and CSV must never be sniffed into HTML by a browser. */
export const baseSecurityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

/**
 * Headers for the HTML pages (the docs). Swagger UI needs inline styles and data: images; its
 * scripts and "try it out" calls stay on this origin.
 */
export function setHtmlSecurityHeaders(res: Response): void {
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
    ].join('; '),
  );
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

/**
 * Refuses a request whose declared body is larger than `maxBytes` before anything reads it.
 * Bodies without a length are never read by the vendor routers, and the server's request
 * timeout ends one that never stops.
 */
export function bodyLimit(
  maxBytes: number,
  onTooLarge: (req: Request, res: Response) => void,
): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      // The unread body would otherwise be drained from the socket after the answer.
      res.setHeader('Connection', 'close');
      onTooLarge(req, res);
      return;
    }
    next();
  };
}
