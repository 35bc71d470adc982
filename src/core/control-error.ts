import { ApiError } from '../http/errors.ts';

/**
 * A refused control change: a 400 that names the field, and the values allowed when there is a
 * list. Thrown by the in-process controls (`controls.putSettings(...)`) and answered over HTTP as
 * `{ code, message, field, allowed? }`.
 */
export class ControlError extends ApiError {
  constructor(
    message: string,
    readonly field: string,
    readonly allowed?: readonly string[],
  ) {
    super('INVALID_PARAMETER', message, 400, field);
  }
}
