import type { RenderedError } from '../../src/core/types.ts';
import type { ApiError } from '../../src/http/errors.ts';

/**
 * Renders an error in Enneo's body shape (assumed; the docs show none):
 * `{ success: false, error: message, code, parameter? }`.
 */
export function renderEnneoError(err: ApiError): RenderedError {
  const body: Record<string, unknown> = { success: false, error: err.message, code: err.code };
  if (err.parameter !== undefined) body.parameter = err.parameter;
  return { status: err.status, body };
}
