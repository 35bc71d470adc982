/**
 * The pure pieces of the contract suite the exchange rules reuse (reading csv/xlsx, the export's
 * view of the contract, the order comparison, the privacy columns, JWT permissions, what the
 * contract states of a parameter or rule). Imported in this one place so that moving them touches
 * one file here. The rules themselves serve verify too (suite/shared/rule-check.ts).
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
