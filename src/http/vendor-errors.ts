import type { ErrorRequestHandler } from 'express';
import { toApiError } from './errors.ts';
import type { VendorModule } from './vendor.ts';

/** The one exit for a vendor's errors: renders whatever was thrown in the vendor's body shape. */
export function vendorErrorHandler(render: VendorModule['renderError']): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      // A stream broke mid-answer: the client sees a truncated body; nothing else can be said.
      res.destroy();
      return;
    }
    if (!err) return next();
    const { status, body } = render(toApiError(err));
    res.status(status).json(body);
  };
}
