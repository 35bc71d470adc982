/** The contract loader and validators: what other parts of standin import. */
export { ajv, compileOpenApiSchema, createAjv } from './ajv.ts';
export { ASSUMED, assumedPredicate, isAssumed } from './assumed.ts';
export {
  CUSTOM_FORMATS,
  isCalendarDate,
  isDateOrDateTime,
  isDdMmYyyy,
  isDurationHms,
  isEnneoDateTime,
  isObjectId,
  registerFormats,
} from './formats.ts';
export type { ContractLocation } from './load-error.ts';
export {
  CONTRACT_VENDORS,
  type Contract,
  ContractLoadError,
  type ContractVendor,
  clearContractCache,
  contractPath,
  loadContract,
  type Operation,
  type OperationExample,
  type OperationRule,
} from './loader.ts';
export { SchemaTranslationError, translateSchema } from './openapi-schema.ts';
export type { ParameterInput } from './parameters.ts';
export {
  convertAjvErrors,
  describeValue,
  escapePointerToken,
  makeProblem,
  type Problem,
  pointerTokens,
  valueAt,
} from './problems.ts';
