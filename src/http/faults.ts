/**
 * Applies faults to vendor requests: those asked for by the request's `Prefer` header, else those
 * drawn from the server-wide rules. A faulted status carries the vendor's own error body.
 */
import type { RequestHandler, Response } from 'express';
import { type ApiError, apiError } from './errors.ts';
import type { FaultRules } from './fault-rules.ts';
import { parsePrefer, preferenceApplied } from './prefer.ts';
import type { VendorModule } from './vendor.ts';

/** Answers with the vendor's error shape (used before the vendor's own router is reached). */
export function sendVendorError(res: Response, vendor: VendorModule, err: ApiError): void {
  const { status, body } = vendor.renderError(err);
  res.status(status).json(body);
}

/** Waits `ms`, or less when the client goes away first. @returns whether the client is still there. */
function waitUnlessClosed(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** The fault middleware of one vendor, mounted in front of its router. */
export function faultMiddleware(vendor: VendorModule, rules: FaultRules): RequestHandler {
  return async (req, res, next) => {
    const prefer = parsePrefer(req.headers.prefer);
    if (!prefer.ok) {
      sendVendorError(res, vendor, apiError('INVALID_PARAMETER', prefer.problem, { parameter: 'Prefer' }));
      return;
    }
    const path = req.originalUrl.split('?', 1)[0]!;
    // Rules draw even when Prefer decides, so a rule's sequence depends only on the requests it matches.
    const drawn = rules.draw(vendor.name, path);
    const fault = prefer.fault ?? drawn?.fault ?? null;
    if (fault === null) return next();
    const source = prefer.fault ? 'asked for with the Prefer header' : `fault rule ${drawn?.ruleId}`;

    if (prefer.fault) {
      const applied = preferenceApplied(prefer.fault);
      if (applied) res.setHeader('Preference-Applied', applied);
    }
    if (fault.delayMs !== undefined && fault.delayMs > 0) {
      if (!(await waitUnlessClosed(res, fault.delayMs))) return;
    }
    if (fault.reset) {
      // An RST rather than a FIN: clients see ECONNRESET, as from a crashed upstream.
      req.socket.resetAndDestroy();
      return;
    }
    if (fault.code !== undefined) {
      sendVendorError(
        res,
        vendor,
        apiError('INJECTED_FAULT', `fault injected: status ${fault.code} (${source})`, {
          status: fault.code,
        }),
      );
      return;
    }
    next();
  };
}
