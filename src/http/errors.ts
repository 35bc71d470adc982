/**
 * The error catalog: every error standin answers with has a unique code and one status.
 * Handlers `throw apiError(...)`; the core's one error exit renders it in the vendor's body shape.
 */
export const ERROR_CATALOG = {
  MISSING_PARAMETER: { status: 400, title: 'A required parameter is missing' },
  INVALID_PARAMETER: { status: 400, title: 'A parameter breaks its rule' },
  PERIOD_TOO_LONG: { status: 400, title: 'The requested period is longer than allowed' },
  MALFORMED_BODY: { status: 400, title: 'The request body could not be parsed' },
  UNAUTHENTICATED: { status: 401, title: 'Credentials are missing or wrong' },
  FORBIDDEN: { status: 403, title: 'Credentials are missing, invalid or lack access' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this path' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body has an unsupported content type' },
  INJECTED_FAULT: { status: 503, title: 'A fault was injected on request' },
  STATE_UNAVAILABLE: { status: 503, title: 'The shared state backend cannot be reached' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** An error as a value: what went wrong, which parameter, which rule. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = ERROR_CATALOG[code].status,
    readonly parameter?: string,
    /** Headers the answer must carry (`Allow` on a 405, `WWW-Authenticate` on a 401); lowercase names. */
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
  }
}

/**
 * Builds an ApiError from the catalog.
 * @example throw apiError('INVALID_PARAMETER', 'limit must be an integer from 1 to 1000', { parameter: 'limit' })
 */
export function apiError(
  code: ErrorCode,
  message: string,
  opts: { parameter?: string; status?: number; headers?: Record<string, string> } = {},
) {
  return new ApiError(code, message, opts.status ?? ERROR_CATALOG[code].status, opts.parameter, opts.headers);
}

/** Turns anything thrown into an ApiError; body-parser and other library errors keep their 4xx status. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown } | null;
  const status =
    typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413)
    return apiError('PAYLOAD_TOO_LARGE', 'the request body is larger than the server accepts');
  if (status === 415)
    return apiError('UNSUPPORTED_MEDIA_TYPE', 'the request body has an unsupported content type');
  if (status >= 400 && status < 500) {
    const message =
      e?.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : typeof e?.message === 'string'
          ? e.message
          : 'bad request';
    // body-parser's errors carry a `type` (entity.parse.failed, encoding.unsupported …); the
    // router's other 4xx is a path it cannot decode ("Failed to decode param …").
    const code = typeof e?.type === 'string' ? 'MALFORMED_BODY' : 'INVALID_PARAMETER';
    return apiError(code, message, { status });
  }
  return apiError('INTERNAL', 'internal error');
}
