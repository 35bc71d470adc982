import { type Request, type Response, Router } from 'express';
import { apiError } from '../../src/http/errors.ts';
import { singleParam } from '../../src/http/params.ts';
import type { VendorDeps } from '../../src/http/vendor.ts';
import { authenticate } from './auth.ts';
import { parseDateRange } from './date-range.ts';
import { createLogStore } from './log-store.ts';
import { pageWindow, parsePaging } from './paging.ts';
import { writeJsonArray } from './stream.ts';
import { parseUserFilter } from './user-filter.ts';

export const USER_STATUSES_PATH = '/stats/user-statuses';

/**
 * VoIPcube's Customer Service API: `GET /stats/user-statuses`. The logs are indexed once here;
 * errors are thrown for the vendor error handler (`vendorErrorHandler(renderVoipcubeError)`),
 * which the app mounts after this router.
 */
export function createVoipcubeRouter(deps: VendorDeps): Router {
  const store = createLogStore(deps.world.voipcube.statusLogs);
  const router = Router();

  router.get(USER_STATUSES_PATH, async (req: Request, res: Response) => {
    // Credentials are read per request so that a changed key applies at once.
    authenticate(req.headers.key, deps.credentials.voipcube.key);
    const query = req.query as Record<string, unknown>;
    const range = parseDateRange(singleParam(query, 'from'), singleParam(query, 'to'));
    const userIds = parseUserFilter(query);
    const paging = parsePaging(query);

    const selection = store.select(range, userIds);
    const { start, end } = pageWindow(selection.count, paging);
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await writeJsonArray(res, selection.json(start, end));
  });

  router.all(USER_STATUSES_PATH, (req: Request, res: Response) => {
    res.setHeader('Allow', 'GET, HEAD');
    throw apiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${USER_STATUSES_PATH}; use GET`);
  });

  return router;
}
