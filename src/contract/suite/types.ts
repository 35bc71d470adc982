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

export interface SuiteOptions {
  target: Target;
  /** Checks of assumed behaviour fail instead of warn. */
  strict: boolean;
  maxRequests: number;
  ratePerSecond: number;
  timeoutMs: number;
  /** Seed for the generated (robustness) requests; reported so a run can be repeated. */
  seed: number;
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

/** A vendor's plan: the checks it runs, in order. */
export type VendorPlan = (ctx: CheckContext) => Promise<void>;
