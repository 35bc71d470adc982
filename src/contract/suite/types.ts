import type { Contract } from '../loader.ts';
import type { HttpClient, HttpResponse, RequestSpec } from './http-client.ts';

/** The eleven named checks of `standin verify`, in report order. See docs in checks.md. */
export const CHECKS = [
  'schema',
  'status',
  'auth',
  'parameters',
  'pagination',
  'ordering',
  'filters',
  'privacy',
  'formats',
  'consistency',
  'robustness',
] as const;
export type CheckName = (typeof CHECKS)[number];

export type Outcome = 'pass' | 'fail' | 'warn' | 'skip';

export type SuiteVendor = 'enneo' | 'voipcube' | 'autozod';

export type PrivacyExpectation = 'none' | 'partiallyPseudonymized' | 'pseudonymized';

/** Every `--expect-privacy` value, in the order `--help` lists them. */
export const PRIVACY_EXPECTATIONS: readonly PrivacyExpectation[] = [
  'none',
  'partiallyPseudonymized',
  'pseudonymized',
];

/** What the suite is pointed at. Credentials never leave this object unredacted. */
export interface Target {
  vendor: SuiteVendor;
  baseUrl: string;
  credentials: {
    /** Enneo JWT or Autozod bearer token. */
    token?: string;
    /** Enneo cookie, as `connect.sid=<value>` or the bare value. */
    cookie?: string;
    /** VoIPcube API key. */
    key?: string;
  };
  ids: {
    ticketId?: number;
    teamId?: string;
    agentId?: string;
    userId?: string;
  };
  expectPrivacy?: PrivacyExpectation;
}

/**
 * What answers the suite's requests instead of the network. The suite calls it with one `Request`
 * (never a string, never a second argument), so both the global `fetch` and a Fetch handler
 * (`createFetchHandler(options)`, Hono's `app.fetch`) plug in as they are; the target's base URL
 * (e.g. `http://standin.local/voipcube`) then only names the paths and is never resolved.
 */
export type FetchLike = (request: Request) => Promise<Response>;

/** Said after each check step of a run: what `verify` prints as its progress line. */
export interface ProgressEvent {
  /** 1-based position of the step, and how many steps the run has. */
  index: number;
  total: number;
  check: CheckName;
  /** `GET /stats/user-statuses` */
  endpoint: string;
  /** Findings of this step's own check(s). */
  counts: Record<Outcome, number>;
  durationMs: number;
}

export interface SuiteOptions {
  target: Target;
  /** Checks of assumed behaviour fail instead of warn. */
  strict: boolean;
  maxRequests: number;
  ratePerSecond: number;
  timeoutMs: number;
  /** Seed for the generated (robustness) requests; reported so a run can be repeated. */
  seed: number;
  /** Answers the requests in-process instead of the network (see FetchLike); `target.baseUrl` still names the paths. */
  fetch?: FetchLike;
  /** Only these checks run and are reported (every check when absent or empty). */
  checks?: readonly CheckName[];
  /** Called after each check step; never with a credential. */
  onProgress?: (event: ProgressEvent) => void;
}

/** One observation of one check on one endpoint. */
export interface Finding {
  check: CheckName;
  /** `GET /export/reporting_worklog` */
  endpoint: string;
  outcome: Outcome;
  /** What was checked, as a sentence ("limit=1001 is rejected"). */
  title: string;
  /** Why it failed or warned: expected vs actual. */
  message?: string;
  /** The request, with credentials redacted. */
  request?: string;
  /** Schema problems etc., one per line. */
  details?: string[];
  /** The behaviour checked is x-standin-assumed, not documented. */
  assumed?: boolean;
}

export interface Report {
  vendor: SuiteVendor;
  baseUrl: string;
  strict: boolean;
  seed: number;
  startedAt: string;
  durationMs: number;
  requests: number;
  findings: Finding[];
  totals: Record<Outcome, number>;
  /** 0: no failure; 1: a contract failure; 2: unusable target (unreachable, unauthorised). */
  exitCode: 0 | 1 | 2;
  /** Set when exitCode is 2: why the run could not judge the target. */
  fatal?: string;
  /** The checks the run was limited to (absent: every check). */
  checks?: CheckName[];
  /** What the answers suggest the user try (another --expect-privacy, another --base-url). */
  hints?: string[];
}

/** What a check sees: the contract, a bounded client, and a recorder. */
export interface CheckContext {
  target: Target;
  contract: Contract;
  strict: boolean;
  seed: number;
  client: HttpClient;
  /** GET with the target's credentials attached; every response is also checked for schema and status. */
  call(endpoint: EndpointRef, spec: RequestSpec, auth?: AuthMode): Promise<HttpResponse>;
  /** Records one expectation. `assumed` downgrades a failure to a warning unless strict. */
  expect(
    check: CheckName,
    endpoint: EndpointRef,
    title: string,
    ok: boolean,
    more?: { message?: string; details?: string[]; assumed?: boolean; request?: string },
  ): boolean;
  skip(check: CheckName, endpoint: EndpointRef, title: string, message: string): void;
  /** Records a hint for the user (said once however often it is given). */
  hint(text: string): void;
  /** True when `check` is one the run reports (all, unless the run was limited). */
  selected(check: CheckName): boolean;
  /** Redacts every credential of the target from a string. */
  redact(text: string): string;
}

/** An operation by method and path template: `{ method: 'get', path: '/stats/user-statuses' }`. */
export interface EndpointRef {
  method: 'get';
  path: string;
}

/** How a request authenticates: with the target's credentials, none, or explicit headers. */
export type AuthMode = 'valid' | 'none' | { headers: Record<string, string> };

/**
 * One step of a plan: the checks it reports under, the endpoint it looks at, and what it does.
 * A step runs when one of its checks is selected.
 */
export interface CheckStep {
  checks: readonly CheckName[];
  endpoint: EndpointRef;
  run(): Promise<void> | void;
}

/**
 * A vendor's plan: probes the target (throwing UnusableTargetError when it cannot be judged at
 * all) and returns its steps in order. An endpoint that failed its probe contributes no steps.
 */
export type VendorPlan = (ctx: CheckContext) => Promise<CheckStep[]>;
