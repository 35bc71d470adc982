/**
 * Per-exchange contract checks: one request and its answer judged against the vendor's contract,
 * as `standin proxy` (live traffic) and `standin validate` (recordings) need.
 */
export { createJudge, type Judge, operationFor, pathOf } from './judge.ts';
export { basePathsOf, matchOperation, STANDIN_BASE_PATHS } from './match.ts';
export {
  deliverReport,
  type ExchangeReportInput,
  exchangeFindings,
  exchangeReport,
  formatExchangeReport,
  type JudgedExchange,
  type ReporterName,
  type ReportSink,
} from './report.ts';
export { EXCHANGE_RULES, type ExchangeRule, type RuleContext } from './rules/index.ts';
export type { Exchange, HeaderMap, JudgeOptions, Verdict, Violation } from './types.ts';
