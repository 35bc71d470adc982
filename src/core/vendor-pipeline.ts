/**
 * One vendor's request pipeline, the same behind every door:
 * journal (on arrival) → body limit → faults (Prefer header, then fault rules) → the vendor's
 * handler (stubs first, then replay and the world; each authenticates) → the one error exit, in
 * the vendor's shape.
 */
import { performance } from 'node:perf_hooks';
import { REPLAYED_HEADER } from '../har/replay.ts';
import { apiError, toApiError } from '../http/errors.ts';
import type { FaultRules } from '../http/fault-rules.ts';
import { decideFault, type FaultDecision, waitUnlessAborted } from '../http/faults.ts';
import type { Journal, RecordedRequest } from '../http/journal.ts';
import { captureBody } from '../http/journal-body.ts';
import { vendorNotFoundMessage } from '../http/not-found.ts';
import { retryAfterSeconds } from '../http/prefer.ts';
import {
  type RedactedHeaders,
  type RedactedQuery,
  type Redactor,
  sameOrNew,
} from '../http/request-redaction.ts';
import { redactStrings } from './redact-body.ts';
import type { VendorName } from './registry.ts';
import { jsonResponse } from './responses.ts';
import { STUBBED_HEADER } from './stubs-handler.ts';
import type { Outcome, PlainRequest, PlainResponse, VendorDescriptor, VendorHandler } from './types.ts';

/** Vendor endpoints are all GETs; a body this large is never legitimate. */
export const VENDOR_BODY_LIMIT_BYTES = 1024 * 1024;

export interface PipelineDeps {
  descriptor: VendorDescriptor;
  handler: VendorHandler;
  faults: FaultRules;
  /** Where completed requests go (in-process or the shared journal). */
  journal: Pick<Journal, 'record'>;
  /** The most bytes of each body the journal keeps (0: none). */
  journalBodyLimit: number;
  redactor: Redactor;
  clock: () => number;
  basePaths: readonly string[];
  controlsPath: string;
  /** Told about an unexpected error (a bug); the client gets a 500 in the vendor's shape. */
  onInternalError: ((err: unknown) => void) | undefined;
}

/** A vendor request: the plain request, and its path relative to the vendor's base path. */
export type VendorPipeline = (req: PlainRequest, relativePath: string) => Promise<Outcome>;

const vendorRequest = (req: PlainRequest, path: string) => ({
  method: req.method,
  path,
  query: req.query,
  headers: req.headers,
});

export function createVendorPipeline(deps: PipelineDeps): VendorPipeline {
  const { descriptor, handler, faults, journal, redactor, clock } = deps;
  const name = descriptor.name as VendorName;

  /** The one error exit: anything thrown, in the vendor's shape, with credentials masked. */
  const errorResponse = (err: unknown): PlainResponse => {
    const e = toApiError(err);
    if (e.status >= 500 && e !== err) deps.onInternalError?.(err);
    const { status, body } = descriptor.renderError(e);
    return jsonResponse(status, redactStrings(body, redactor.text), { ...e.headers });
  };

  /**
   * The answer; null (or a promise of null) when the vendor has no such route. Not itself async:
   * the common request (no fault) costs one promise, the handler's, not a second one around it.
   */
  function run(req: PlainRequest, relativePath: string): Outcome | Promise<Outcome | null> {
    if (Number(req.headers['content-length'] ?? 0) > VENDOR_BODY_LIMIT_BYTES) {
      const response = errorResponse(
        apiError('PAYLOAD_TOO_LARGE', `the request body is larger than ${VENDOR_BODY_LIMIT_BYTES} bytes`),
      );
      // The unread body would otherwise be drained from the socket after the answer.
      response.headers.connection = 'close';
      return response;
    }
    const decision = decideFault(name, req.path, req.headers.prefer, faults);
    if (decision.kind === 'refused') {
      throw apiError('INVALID_PARAMETER', decision.problem, { parameter: 'Prefer' });
    }
    // Most requests ask for no fault and meet no rule: they go on at once.
    if (decision.kind === 'none') return handler(vendorRequest(req, relativePath));
    return withFault(req, relativePath, decision);
  }

  /** A request that gets a fault: delayed, dropped, answered with an error, or let through late. */
  async function withFault(
    req: PlainRequest,
    relativePath: string,
    decision: Extract<FaultDecision, { kind: 'fault' }>,
  ): Promise<Outcome> {
    const { fault, source } = decision;
    const applied = decision.preferenceApplied;
    const withApplied = (response: PlainResponse): PlainResponse => {
      if (applied !== null) response.headers['preference-applied'] = applied;
      return response;
    };
    if (fault.delayMs !== undefined && fault.delayMs > 0) {
      if (!(await waitUnlessAborted(fault.delayMs, req.signal))) return { reset: true };
    }
    // An RST rather than a FIN: clients see ECONNRESET, as from a crashed upstream.
    if (fault.reset) return { reset: true };
    if (fault.code !== undefined) {
      // A client's backoff is tested by the Retry-After it reads, so 429 and 503 always carry one.
      const retryAfter = retryAfterSeconds(fault);
      return withApplied(
        errorResponse(
          apiError('INJECTED_FAULT', `fault injected: status ${fault.code} (${source})`, {
            status: fault.code,
            ...(retryAfter !== null ? { headers: { 'retry-after': String(retryAfter) } } : {}),
          }),
        ),
      );
    }
    try {
      return withApplied((await handler(vendorRequest(req, relativePath))) ?? notFound(req));
    } catch (err) {
      return withApplied(errorResponse(err));
    }
  }

  function notFound(req: PlainRequest): never {
    throw apiError(
      'NOT_FOUND',
      vendorNotFoundMessage(name, req.method, req.path, deps.basePaths, deps.controlsPath),
    );
  }

  // The redacted headers and query of the request before: most requests repeat them exactly.
  let lastHeaders: RedactedHeaders = {};
  let lastQuery: RedactedQuery = {};

  return async (req, relativePath) => {
    const started = performance.now();
    lastQuery = sameOrNew(lastQuery, redactor.query(req.query));
    lastHeaders = sameOrNew(lastHeaders, redactor.headers(req.headers));
    const entry: RecordedRequest = {
      id: 0,
      time: clock(),
      vendor: name,
      method: req.method,
      path: redactor.text(req.path),
      query: lastQuery,
      headers: lastHeaders,
      status: null,
      durationMs: 0,
      requestBody: captureBody(
        req.body,
        req.headers['content-type'],
        deps.journalBodyLimit,
        req.headers['content-length'],
      ),
      responseBody: null,
    };
    let outcome: Outcome;
    try {
      outcome = (await run(req, relativePath)) ?? notFound(req);
    } catch (err) {
      outcome = errorResponse(err);
    }
    const status = 'status' in outcome ? outcome.status : null;
    const replayed = 'headers' in outcome ? outcome.headers[REPLAYED_HEADER] : undefined;
    if (replayed !== undefined) entry.replayed = replayed;
    const stubbed = 'headers' in outcome ? outcome.headers[STUBBED_HEADER] : undefined;
    if (stubbed !== undefined) entry.stubbed = stubbed;
    // Captured now, not when done: a pooled answer's memory is reused once it is written (unless
    // the answer can make its bytes again, which is then left until someone reads the journal).
    if ('body' in outcome) {
      entry.responseBody = captureBody(
        outcome.body,
        outcome.headers['content-type'],
        deps.journalBodyLimit,
        undefined,
        outcome.release !== undefined,
        outcome.remake,
      );
    }
    outcome.done = (delivered) => {
      entry.status = delivered ? status : null;
      entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
      journal.record(entry);
    };
    return outcome;
  };
}
