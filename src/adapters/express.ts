/**
 * The Express door: the docs (Swagger UI needs Express middleware) and, for everything else, the
 * core's `handle`, translated to and from Node's http objects. Nothing of Express is patched.
 */

import { readFile } from 'node:fs/promises';
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import type { VendorName } from '../core/registry.ts';
import { CONTROLS_PATH, type Standin } from '../core/standin.ts';
import type { PlainRequest } from '../core/types.ts';
import { createDocsRouter, mayBeDocsPath } from '../http/docs-router.ts';
import { toApiError } from '../http/errors.ts';
import { plainRequest, RequestAborted, writeOutcome } from './node-http.ts';

async function readContract(vendor: VendorName): Promise<OpenAPIV3.Document> {
  // Imported on first use (the docs): serving the vendors never parses YAML, and never needs the
  // contract loader with its OpenAPI parser and ajv (the docs show the contract as written).
  const [{ contractPath }, { parse: parseYaml }] = await Promise.all([
    import('../contract/contract-path.ts'),
    import('yaml'),
  ]);
  return parseYaml(await readFile(contractPath(vendor), 'utf8')) as OpenAPIV3.Document;
}

/** Answers one request through the core; errors other than an aborted body go to `next`. */
function serve(standin: Standin, plain: PlainRequest, req: Request, res: Response, next: NextFunction): void {
  standin
    .handle(plain)
    .then((outcome) => writeOutcome(req, res, outcome))
    .catch((err: unknown) => (err instanceof RequestAborted ? undefined : next(err)));
}

/** Express middleware answering every request through the core (it never calls `next`). */
export function coreMiddleware(standin: Standin): RequestHandler {
  return (req, res, next) => {
    const plain = plainRequest(req, res);
    if (!(plain instanceof Promise)) serve(standin, plain, req, res, next);
    else
      plain.then(
        (read) => serve(standin, read, req, res, next),
        (err: unknown) => (err instanceof RequestAborted ? undefined : next(err)),
      );
  };
}

/** The path part of an origin-form target (before any `?`), as the core's splitTarget takes it. */
function targetPath(url: string): string {
  const end = url.indexOf('?');
  return end < 0 ? url : url.slice(0, end);
}

/** `nosniff` on the docs' answers too: JSON must never be sniffed into HTML by a browser. */
const nosniff: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

/**
 * An Express app over a standin instance: the docs at `/`, `/docs/<vendor>/` and
 * `/<vendor>/openapi.json`, then every vendor and control through the core.
 */
export function createExpressApp(standin: Standin, onInternalError?: (err: unknown) => void): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body for an ETag; the data is generated, and a 304 is not what the vendors send.
  app.set('etag', false);
  const docs = createDocsRouter({
    vendors: standin.vendors,
    loadDocument: readContract,
    clientCredentials: () => standin.clientCredentials(),
    seed: standin.world.meta.seed,
    anchor: standin.world.meta.anchor,
    world: standin.world,
    controlsPath: CONTROLS_PATH,
    controlsAccess: standin.adminToken
      ? 'The controls require the admin token: Authorization: Bearer <admin token>.'
      : 'The controls answer only on loopback (start with --admin-token to reach them from elsewhere).',
  });
  // One middleware for everything: most requests are vendor requests, which skip the docs router
  // on one string check and then go to the core without another turn of Express's router.
  const core = coreMiddleware(standin);
  app.use((req, res, next) => {
    // The path as Express's router would see it: parseurl's pathname, which differs from the
    // target's start only for absolute-form targets (`GET http://host/path`).
    const url = req.url;
    const path = url.charCodeAt(0) === 0x2f ? targetPath(url) : req.path;
    if (!mayBeDocsPath(path)) {
      core(req, res, next);
      return;
    }
    nosniff(req, res, () => docs(req, res, (err?: unknown) => (err ? next(err) : core(req, res, next))));
  });
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const e = toApiError(err);
    if (e.status >= 500) onInternalError?.(err);
    res.status(e.status).json({ code: e.code, message: e.message });
  };
  app.use(onError);
  return app;
}
