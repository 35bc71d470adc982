/**
 * Security headers and request limits that protect a shared dev host without getting in an
 * integrator's way: no CORS changes, no HSTS (the mock speaks plain HTTP), nothing that alters a
 * vendor's body or status.
 */
import type { Response } from 'express';

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
