import { type NextFunction, type Request, type Response, Router } from 'express';
import { BytePool } from '../../src/http/byte-pool.ts';
import { apiError } from '../../src/http/errors.ts';
import { JSON_CONTENT_TYPE, sendBytes, sendPooledBytes } from '../../src/http/send-bytes.ts';
import type { VendorDeps } from '../../src/http/vendor.ts';
import { vendorErrorHandler } from '../../src/http/vendor-errors.ts';
import { authenticate, type Caller } from './auth.ts';
import { CSV_CONTENT_TYPE, CSV_DISPOSITION } from './csv.ts';
import { renderEnneoError } from './errors.ts';
import { parseExportQuery } from './export-params.ts';
import { ExportStore } from './export-store.ts';
import { assertSortable, projectionFor } from './privacy.ts';
import { parseTicketId, TicketWorklogIndex } from './ticket-worklogs.ts';
import { writeXlsx, XLSX_CONTENT_TYPE, XLSX_DISPOSITION } from './xlsx.ts';

export const EXPORT_PATH = '/export/reporting_worklog';
export const TICKET_WORKLOG_PATH = '/ticket/:ticketId/worklog';

/**
 * Enneo's two endpoints over the seeded world, to be mounted at `/enneo/api/mind`.
 * Settings (privacy level, default format) are read per request, so changes apply at once.
 */
export function createEnneoRouter(deps: VendorDeps): Router {
  const store = new ExportStore(deps.world.enneo.exportRows);
  const tickets = new TicketWorklogIndex(deps.world.enneo.ticketWorklogs);
  // The xlsx workbook's date: the world's anchor, so that the same world answers the same bytes.
  const stamp = new Date(`${deps.world.meta.anchor}T00:00:00Z`);
  const router = Router();
  const pool = new BytePool();
  const allocate = (size: number) => pool.acquire(size);

  const caller = (req: Request): Promise<Caller> =>
    authenticate(
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      deps.credentials.enneo,
      deps.clock(),
    );

  router.get(EXPORT_PATH, async (req: Request, res: Response) => {
    const who = await caller(req);
    const settings = deps.settings.get().enneo;
    const query = parseExportQuery(req.query, settings.defaultDateExportFormat);
    const projection = projectionFor(settings.reportingPrivacyLevel, who.permissions);
    assertSortable(projection, query.orderByField);
    const page = store.page(query, projection);

    if (query.format === 'json') {
      sendPooledBytes(res, JSON_CONTENT_TYPE, store.jsonBytes(page, projection, allocate), pool);
    } else if (query.format === 'csv') {
      res.setHeader('Content-Disposition', CSV_DISPOSITION);
      sendPooledBytes(res, CSV_CONTENT_TYPE, store.csvBytes(page, projection, allocate), pool);
    } else {
      res.set({ 'Content-Type': XLSX_CONTENT_TYPE, 'Content-Disposition': XLSX_DISPOSITION });
      await writeXlsx(res, projection.columns, store.objects(page, projection), stamp);
    }
  });

  router.get(TICKET_WORKLOG_PATH, async (req: Request<{ ticketId: string }>, res: Response) => {
    await caller(req);
    const ticketId = parseTicketId(req.params.ticketId);
    sendBytes(res, JSON_CONTENT_TYPE, tickets.bytes(ticketId));
  });

  for (const path of [EXPORT_PATH, TICKET_WORKLOG_PATH]) {
    router.all(path, (req: Request, res: Response) => {
      res.set('Allow', 'GET, HEAD');
      throw apiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET`);
    });
  }

  // Express fails to decode a badly percent-encoded :ticketId before any handler runs.
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    next(
      err instanceof URIError
        ? apiError('INVALID_PARAMETER', 'ticketId is not valid percent-encoding', { parameter: 'ticketId' })
        : err,
    );
  });
  router.use(vendorErrorHandler(renderEnneoError));
  return router;
}
