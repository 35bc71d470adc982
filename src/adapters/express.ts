/**
 * The Express door: the docs (Swagger UI needs Express middleware) and, for everything else, the
 * core's `handle`, translated to and from Node's http objects. Nothing of Express is patched.
 */

import { readFile } from 'node:fs/promises';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import type { VendorName } from '../core/registry.ts';
import { CONTROLS_PATH, type Standin } from '../core/standin.ts';
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

/** Express middleware answering every request through the core (it never calls `next`). */
export function coreMiddleware(standin: Standin): RequestHandler {
  return (req, res, next) => {
    plainRequest(req, res)
      .then((plain) => standin.handle(plain))
      .then((outcome) => writeOutcome(req, res, outcome))
      .catch((err: unknown) => (err instanceof RequestAborted ? undefined : next(err)));
  };
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
  // Most requests are vendor requests: they skip the docs router on one string check.
  app.use((req, res, next) =>
    mayBeDocsPath(req.path) ? nosniff(req, res, () => docs(req, res, next)) : next(),
  );
  app.use(coreMiddleware(standin));
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
