/**
 * What the per-exchange checks take and give: one recorded exchange (a request and the answer it
 * got) in, violations out. Shared by `standin proxy` (live traffic) and `standin validate`
 * (recordings).
 */
import type { ContractVendor } from '../loader.ts';
import type { CheckName, PrivacyExpectation } from '../suite/types.ts';

/** Header values as Node gives them: one string, several, or absent. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** One request and its answer, as a client saw them. */
export interface Exchange {
  vendor: ContractVendor;
  /** The operation, when the caller knows it; otherwise found from method and path. */
  operationId?: string;
  method: string;
  /** Path and query as requested: under the vendor's base, or with its real or standin base path. */
  url: string;
  requestHeaders: HeaderMap;
  status: number;
  responseHeaders: HeaderMap;
  /** The answer's bytes as sent (a Content-Encoding such as gzip is undone before judging). */
  body: Buffer;
}

/** One way an exchange breaks the contract. */
export interface Violation {
  /** The verify check this belongs to (schema, status, pagination, ordering, filters, privacy, ...). */
  check: CheckName;
  /** JSON pointer into the body (`/3/duration`; a csv/xlsx row counts like a JSON array item). */
  pointer?: string;
  /** The schema keyword (`type`, `required`, `status`, `mediaType`) or the contract rule id (`paging-window`). */
  rule: string;
  message: string;
  /** The behaviour is `x-standin-assumed`: a warning unless strict. */
  assumed?: boolean;
}

/** How to judge. */
export interface JudgeOptions {
  /** Assumed behaviour fails instead of warning. */
  strict?: boolean;
  /** Enneo: the reportingPrivacyLevel the server is expected to apply. Default: none. */
  expectPrivacy?: PrivacyExpectation;
}

/** The verdict on one exchange. */
export interface Verdict {
  /** The operation judged, or undefined when none matched (then `notes` says why). */
  operationId?: string;
  /** `GET /export/reporting_worklog`, how reports name an endpoint. */
  endpoint?: string;
  /** Every check that looked at the exchange, in the order they ran. */
  checks: CheckName[];
  /** What fails: documented rules broken, and assumed ones under strict. */
  violations: Violation[];
  /** Assumed rules broken (not strict). */
  warnings: Violation[];
  /** What could not be judged, and why (no operation matched, a body too large, ...). */
  notes: string[];
}
