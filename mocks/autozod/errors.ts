/** Autozod's error body (assumed; the doc shows none): `{ success: false, message, code, parameter? }`. */

import type { RenderedError } from '../../src/core/types.ts';
import type { ApiError } from '../../src/http/errors.ts';

/** Renders any ApiError in Autozod's shape; `parameter` appears only when one is at fault. */
export function renderAutozodError(err: ApiError): RenderedError {
  const body: Record<string, unknown> = { success: false, message: err.message, code: err.code };
  if (err.parameter !== undefined) body.parameter = err.parameter;
  return { status: err.status, body };
}
