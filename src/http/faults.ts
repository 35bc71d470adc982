/**
 * Applies faults to vendor requests: those asked for by the request's `Prefer` header, else those
 * drawn from the server-wide rules. A faulted status carries the vendor's own error body.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type ApiError, apiError } from './errors.ts';
import type { FaultRules } from './fault-rules.ts';
import { type Fault, parsePrefer, preferenceApplied } from './prefer.ts';
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
  return (req, res, next) => {
    const prefer = parsePrefer(req.headers.prefer);
    if (!prefer.ok) {
      sendVendorError(res, vendor, apiError('INVALID_PARAMETER', prefer.problem, { parameter: 'Prefer' }));
      return;
    }
    // Rules draw even when Prefer decides, so a rule's sequence depends only on the requests it matches.
    const drawn = rules.size === 0 ? null : rules.draw(vendor.name, req.originalUrl.split('?', 1)[0]!);
    const fault = prefer.fault ?? drawn?.fault ?? null;
    // Most requests ask for no fault and meet no rule: they go on at once, with no promise made.
    if (fault === null) return next();
    const source = prefer.fault ? 'asked for with the Prefer header' : `fault rule ${drawn?.ruleId}`;
    if (prefer.fault) {
      const applied = preferenceApplied(prefer.fault);
      if (applied) res.setHeader('Preference-Applied', applied);
    }
    injectFault(req, res, next, vendor, fault, source).catch(next);
  };
}

async function injectFault(
  req: Request,
  res: Response,
  next: NextFunction,
  vendor: VendorModule,
  fault: Fault,
  source: string,
): Promise<void> {
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
}
