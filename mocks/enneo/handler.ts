/**
 * Enneo's two endpoints over the seeded world, as a plain handler: authenticate → parse → project
 * → page → bytes. Paths are relative to the base path (`/enneo/api/mind` in standin).
 */

import { bytesResponse, JSON_CONTENT_TYPE } from '../../src/core/responses.ts';
import type {
  PlainResponse,
  VendorAuthenticator,
  VendorDeps,
  VendorHandler,
  VendorRequest,
} from '../../src/core/types.ts';
import { BytePool } from '../../src/http/byte-pool.ts';
import { apiError } from '../../src/http/errors.ts';
import { enneoSources } from '../../src/world/enneo-views.ts';
import { authenticate, type Caller } from './auth.ts';
import type { EnneoCredentials } from './credentials.ts';
import { CSV_CONTENT_TYPE, CSV_DISPOSITION } from './csv.ts';
import { type ExportQuery, parseExportQuery } from './export-params.ts';
import { ExportStore } from './export-store.ts';
import { assertSortable, type Projection, projectionFor } from './privacy.ts';
import { createPseudonyms } from './pseudonyms.ts';
import type { EnneoSettings } from './settings.ts';
import { parseTicketId, TicketWorklogIndex } from './ticket-worklogs.ts';
import { VerifiedTokens } from './verified-tokens.ts';
import { XLSX_CONTENT_TYPE, XLSX_DISPOSITION, xlsxBytes } from './xlsx.ts';

export const EXPORT_PATH = '/export/reporting_worklog';
export const TICKET_WORKLOG_PATH = '/ticket/{ticketId}/worklog';

// As Express matched them before: case-insensitive, an optional trailing slash, one segment per id.
const EXPORT_ROUTE = /^\/export\/reporting_worklog\/?$/i;
const TICKET_ROUTE = /^\/ticket\/([^/]+)\/worklog\/?$/i;

const ALLOW = { allow: 'GET, HEAD' };

function methodNotAllowed(method: string): never {
  throw apiError('METHOD_NOT_ALLOWED', `${method} is not allowed here; use GET`, { headers: ALLOW });
}

function decodeTicketId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw apiError('INVALID_PARAMETER', 'ticketId is not valid percent-encoding', { parameter: 'ticketId' });
  }
}

/** Enneo's credential check alone (bearer JWT or session cookie), with a verified-token cache of its own. */
export function createEnneoAuthenticator(
  deps: VendorDeps<EnneoCredentials, EnneoSettings>,
): VendorAuthenticator {
  const verified = new VerifiedTokens();
  return async (req) => {
    await authenticate(
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      deps.credentials,
      deps.clock(),
      verified,
    );
  };
}

/**
 * A page's bytes made again, for the journal when it is read: ordered and rendered anew from what
 * the request asked (the sort orders and rows never change, so the bytes are those sent). Holds
 * the parsed query, not the page's row indices, so that each journal entry stays small.
 */
function remakePage(
  store: ExportStore,
  format: 'json' | 'csv',
  query: ExportQuery,
  projection: Projection,
): () => Buffer {
  return format === 'json'
    ? () => store.jsonBytes(store.page(query, projection), projection)
    : () => store.csvBytes(store.page(query, projection), projection);
}

/**
 * Builds Enneo's handler. Settings (privacy level, default format) are read per request, so
 * changes apply at once; the indexes, the output pool and the verified-token cache belong to it.
 */
export function createEnneoHandler(deps: VendorDeps<EnneoCredentials, EnneoSettings>): VendorHandler {
  // A generated world's compact records, so that its rows are built per page, never all at once.
  const sources = enneoSources(deps.world.enneo);
  const store = new ExportStore(sources.exportRows, createPseudonyms(deps.world.meta.seed));
  const tickets = new TicketWorklogIndex(sources.ticketWorklogs);
  // The xlsx workbook's date: the world's anchor, so that the same world answers the same bytes.
  const stamp = new Date(`${deps.world.meta.anchor}T00:00:00Z`);
  const pool = new BytePool();
  const allocate = (size: number) => pool.acquire(size);
  const verified = new VerifiedTokens();

  const caller = (req: VendorRequest): Promise<Caller> =>
    authenticate(
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      deps.credentials,
      deps.clock(),
      verified,
    );

  /**
   * A pooled page: its memory goes back to the pool once the door has written it. The journal
   * makes the same bytes again from the cached rows (`remake`) if it is read, instead of copying
   * the page's head on every request.
   */
  const pooled = (
    contentType: string,
    body: Buffer,
    remake: () => Buffer,
    extra?: Record<string, string>,
  ): PlainResponse => {
    const headers = { 'content-type': contentType, 'content-length': String(body.byteLength) };
    return {
      status: 200,
      headers: extra === undefined ? headers : { ...extra, ...headers },
      body,
      release: () => pool.release(body),
      remake,
    };
  };

  async function exportPage(req: VendorRequest): Promise<PlainResponse> {
    const who = await caller(req);
    const settings = deps.settings();
    const query = parseExportQuery(req.query, settings.defaultDateExportFormat);
    const projection = projectionFor(settings.reportingPrivacyLevel, who.permissions);
    assertSortable(projection, query.orderByField);
    const page = store.page(query, projection);
    switch (query.format) {
      case 'json':
        return pooled(
          JSON_CONTENT_TYPE,
          store.jsonBytes(page, projection, allocate),
          remakePage(store, 'json', query, projection),
        );
      case 'csv':
        return pooled(
          CSV_CONTENT_TYPE,
          store.csvBytes(page, projection, allocate),
          remakePage(store, 'csv', query, projection),
          { 'content-disposition': CSV_DISPOSITION },
        );
      case 'xlsx': {
        const bytes = xlsxBytes(projection.columns, store.objects(page, projection), stamp);
        return bytesResponse(200, XLSX_CONTENT_TYPE, bytes, { 'content-disposition': XLSX_DISPOSITION });
      }
    }
  }

  async function ticketWorklog(req: VendorRequest, rawId: string): Promise<PlainResponse> {
    await caller(req);
    const ticketId = parseTicketId(decodeTicketId(rawId));
    return bytesResponse(200, JSON_CONTENT_TYPE, tickets.bytes(ticketId));
  }

  return async (req) => {
    const readable = req.method === 'GET' || req.method === 'HEAD';
    if (EXPORT_ROUTE.test(req.path)) return readable ? exportPage(req) : methodNotAllowed(req.method);
    const ticket = TICKET_ROUTE.exec(req.path);
    if (ticket) return readable ? ticketWorklog(req, ticket[1]!) : methodNotAllowed(req.method);
    return null;
  };
}
