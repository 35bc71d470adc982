import type { RenderedError } from '../../src/core/types.ts';
import type { ApiError } from '../../src/http/errors.ts';

/**
 * Renders an error in VoIPcube's (assumed) body shape `{ message, code, parameter? }`; the doc
 * shows no error body, see contracts/README.md.
 */
export function renderVoipcubeError(err: ApiError): RenderedError {
  const body: Record<string, unknown> = { message: err.message, code: err.code };
  if (err.parameter !== undefined) body.parameter = err.parameter;
  return { status: err.status, body };
}
