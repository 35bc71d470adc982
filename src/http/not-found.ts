import type { RequestHandler } from 'express';
import { apiError } from './errors.ts';
import { sendVendorError } from './faults.ts';
import type { VendorModule } from './vendor.ts';

/** Paths longer than this are cut in the message: it is for reading, not for echoing payloads. */
const MAX_ECHOED_PATH = 200;

/**
 * The answer for a path that belongs to no vendor: a 404 that says where things are.
 * Paths inside a vendor's base path get that vendor's own 404 instead.
 */
export function notFound(basePaths: readonly string[], controlsPath: string): RequestHandler {
  const listed = listing(basePaths, controlsPath);
  return (req, res) => {
    res.status(404).json({
      code: 'NOT_FOUND',
      message: `no route for ${req.method} ${shownPath(req.path)}: ${listed}`,
      basePaths,
      controls: controlsPath,
    });
  };
}

/**
 * The answer for a path inside a vendor's base path that the vendor does not serve: a 404 in the
 * vendor's own error shape (a client parsing that vendor's errors still can), saying where things are.
 */
export function vendorNotFound(
  vendor: VendorModule,
  basePaths: readonly string[],
  controlsPath: string,
): RequestHandler {
  const listed = listing(basePaths, controlsPath);
  return (req, res) => {
    const path = shownPath(`${req.baseUrl}${req.path}`);
    sendVendorError(
      res,
      vendor,
      apiError(
        'NOT_FOUND',
        `no route for ${req.method} ${path}: ${listed}; this vendor's docs are at /docs/${vendor.name}/`,
      ),
    );
  };
}

function shownPath(path: string): string {
  return path.length > MAX_ECHOED_PATH ? `${path.slice(0, MAX_ECHOED_PATH)}…` : path;
}

function listing(basePaths: readonly string[], controlsPath: string): string {
  return `vendors are served under ${basePaths.join(', ')}; the mock controls under ${controlsPath}; the docs at /`;
}
