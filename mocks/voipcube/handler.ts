/**
 * VoIPcube's Customer Service API, `GET /stats/user-statuses`, as a plain handler. The logs are
 * indexed once; a large unpaginated answer is produced chunk by chunk as the client reads it.
 */
import { bytesResponse, JSON_CONTENT_TYPE } from '../../src/core/responses.ts';
import type { PlainResponse, VendorAuthenticator, VendorDeps, VendorHandler } from '../../src/core/types.ts';
import { apiError } from '../../src/http/errors.ts';
import { singleParam } from '../../src/http/params.ts';
import { statusLogsOf } from '../../src/world/duty-records.ts';
import { authenticate } from './auth.ts';
import type { VoipcubeCredentials } from './credentials.ts';
import { parseDateRange } from './date-range.ts';
import { createLogStore } from './log-store.ts';
import { pageWindow, parsePaging } from './paging.ts';
import { jsonArrayChunks } from './stream.ts';
import { parseUserFilter } from './user-filter.ts';

export const USER_STATUSES_PATH = '/stats/user-statuses';
const ROUTE = /^\/stats\/user-statuses\/?$/i;

async function* utf8(first: string, second: string, rest: Iterator<string>): AsyncGenerator<Uint8Array> {
  yield Buffer.from(first, 'utf8');
  yield Buffer.from(second, 'utf8');
  for (let next = rest.next(); !next.done; next = rest.next()) yield Buffer.from(next.value, 'utf8');
}

/** Builds VoIPcube's handler over the world's status logs (it has no settings). */
/** VoIPcube's credential check alone, as its route applies it. */
export function createVoipcubeAuthenticator(
  deps: VendorDeps<VoipcubeCredentials, object>,
): VendorAuthenticator {
  return async (req) => authenticate(req.headers.key, deps.credentials.key);
}

export function createVoipcubeHandler(deps: VendorDeps<VoipcubeCredentials, object>): VendorHandler {
  // A generated world's compact records: its status logs are never all built as objects.
  const store = createLogStore(statusLogsOf(deps.world.voipcube));

  return async (req): Promise<PlainResponse | null> => {
    if (!ROUTE.test(req.path)) return null;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw apiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${USER_STATUSES_PATH}; use GET`, {
        headers: { allow: 'GET, HEAD' },
      });
    }
    authenticate(req.headers.key, deps.credentials.key);
    const range = parseDateRange(singleParam(req.query, 'from'), singleParam(req.query, 'to'));
    const userIds = parseUserFilter(req.query);
    const paging = parsePaging(req.query);

    const selection = store.select(range, userIds);
    const { start, end } = pageWindow(selection.count, paging);
    if (req.method === 'HEAD')
      return { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: null };
    const chunks = jsonArrayChunks(selection.json(start, end));
    const first = chunks.next();
    const second = first.done ? first : chunks.next();
    // One chunk is the whole answer: bytes with a Content-Length. More: a stream, as it is read.
    if (second.done) return bytesResponse(200, JSON_CONTENT_TYPE, Buffer.from(first.value ?? '[]', 'utf8'));
    return {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: utf8(first.value as string, second.value, chunks),
    };
  };
}
