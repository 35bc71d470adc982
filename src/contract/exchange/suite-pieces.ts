/**
 * The pure pieces of the contract suite the exchange checks reuse (reading csv/xlsx, the export's
 * view of the contract, the order rules, the privacy columns, JWT permissions). Imported in this
 * one place so that moving them (src/contract/suite is being split into rule functions) touches
 * one file here.
 */

export { queryParam, ruleAssumed } from '../suite/shared/contract-reading.ts';
export { problemLine } from '../suite/shared/schema-findings.ts';
export { tokenHasPermission } from '../suite/vendors/enneo/auth-tokens.ts';
export { type ExportView, readExportView } from '../suite/vendors/enneo/contract-view.ts';
export { type Direction, firstOrderViolation } from '../suite/vendors/enneo/export-order.ts';
export { readCsv, readXlsx, type Table, typeCsvRow } from '../suite/vendors/enneo/formats.ts';
export {
  type ColumnExpectation,
  columnBreaks,
  expectColumns,
  levelsFitting,
  timedCellAt,
} from '../suite/vendors/enneo/privacy.ts';
