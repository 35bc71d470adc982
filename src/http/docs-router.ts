/**
 * The docs: `GET /` (the index page), `GET /<vendor>/openapi.json` (each contract pointed at the
 * mock) and `/docs/<vendor>/` (Swagger UI, its assets served from swagger-ui-dist on disk, since
 * the machines that run standin have no internet).
 */
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import type { VendorName } from '../core/registry.ts';
import type { World } from '../world/types.ts';
import {
  type ClientCredentials,
  credentialHeaders,
  docsCredentials,
  VENDOR_TITLES,
} from './dev-credentials.ts';
import { renderIndexPage, type VendorView } from './docs-page.ts';
import {
  authActionFor,
  documentForDocsPage,
  listOperations,
  requestOrigin,
  withMockServer,
} from './openapi-json.ts';
import { setHtmlSecurityHeaders } from './security.ts';
import { tryOutValues } from './try-out.ts';

export interface DocsOptions {
  vendors: readonly { name: VendorName; basePath: string }[];
  /** The contract as written (with its `$ref`s: Swagger UI resolves them and shows schema names). */
  loadDocument: (vendor: VendorName) => Promise<OpenAPIV3.Document>;
  clientCredentials: () => Promise<ClientCredentials>;
  seed: number;
  anchor: string;
  controlsPath: string;
  controlsAccess: string;
  /**
   * The world being served: "Try it out" is pre-filled with ids and dates from it. Without it the
   * contracts' own examples are pre-filled, which may find no data.
   */
  world?: Pick<World, 'enneo' | 'voipcube' | 'autozod'>;
}

const docsPath = (vendor: VendorName) => `/docs/${vendor}/`;
const openapiPath = (vendor: VendorName) => `/${vendor}/openapi.json`;

/** Swagger UI for one vendor: its page and its (per-vendor) init script and assets. */
interface SwaggerUi {
  html: string;
  files: RequestHandler[];
}

async function buildSwaggerUi(vendor: VendorName, options: DocsOptions): Promise<SwaggerUi> {
  // Imported on the first docs request: serving the vendors never needs Swagger UI.
  const [document, client, { default: swaggerUi }] = await Promise.all([
    options.loadDocument(vendor),
    options.clientCredentials(),
    import('swagger-ui-express'),
  ]);
  const swaggerOptions = {
    // Shows the lock closed with the development credential; "Logout" in the dialog tests a 401/403.
    authAction: authActionFor(document, docsCredentials(client, vendor)),
    // The default validator badge calls validator.swagger.io: no internet here, and no need.
    validatorUrl: null,
    tryItOutEnabled: true,
    displayRequestDuration: true,
  };
  const opts = {
    swaggerUrl: openapiPath(vendor),
    swaggerOptions,
    customSiteTitle: `standin — ${VENDOR_TITLES[vendor]} API`,
  };
  // serveFiles keeps its init script in a closure (one per vendor and app); swagger-ui-express's
  // `serve`/`setup` pair shares one module-wide script, which several vendors would overwrite.
  return { html: swaggerUi.generateHTML(undefined, opts), files: swaggerUi.serveFiles(undefined, opts) };
}

/** Runs plain middleware one after another, as Express would. */
function chain(handlers: RequestHandler[], req: Request, res: Response, done: NextFunction): void {
  const step = (i: number): void => {
    const handler = handlers[i];
    if (!handler) {
      done();
      return;
    }
    handler(req, res, (err?: unknown) => (err ? done(err) : step(i + 1)));
  };
  step(0);
}

/**
 * Whether the docs router could answer `path`: a generous superset of its routes (which match
 * case-insensitively, with or without a trailing slash), so that the app can pass every other
 * request (the vendors' traffic) by without walking the router's routes.
 */
export function mayBeDocsPath(path: string): boolean {
  if (path === '/') return true;
  const lower = path.toLowerCase();
  return lower.startsWith('/docs/') || lower.endsWith('/openapi.json') || lower.endsWith('/openapi.json/');
}

/** Builds the docs router; its caches belong to the app that mounts it. */
export function createDocsRouter(options: DocsOptions): Router {
  const router = express.Router();
  const documents = new Map<VendorName, Promise<OpenAPIV3.Document>>();
  const uis = new Map<VendorName, Promise<SwaggerUi>>();
  const cached = <T>(map: Map<VendorName, Promise<T>>, vendor: VendorName, make: () => Promise<T>) => {
    let hit = map.get(vendor);
    if (!hit) {
      hit = make();
      // A failed load is not remembered: the next request tries again.
      hit.catch(() => map.delete(vendor));
      map.set(vendor, hit);
    }
    return hit;
  };
  const document = (vendor: VendorName) => cached(documents, vendor, () => options.loadDocument(vendor));
  const served = new Map<VendorName, Promise<OpenAPIV3.Document>>();
  const servedDocument = (vendor: VendorName) =>
    cached(served, vendor, async () =>
      documentForDocsPage(await document(vendor), options.world ? tryOutValues(vendor, options.world) : {}),
    );
  const docOptions: DocsOptions = { ...options, loadDocument: document };

  router.get('/', async (req, res) => {
    const origin = requestOrigin(req.protocol, req.headers.host);
    const client = await options.clientCredentials();
    const vendors: VendorView[] = await Promise.all(
      options.vendors.map(async (v) => {
        const doc = await document(v.name);
        return {
          title: VENDOR_TITLES[v.name],
          baseUrl: `${origin}${v.basePath}`,
          realBaseUrl: doc.servers?.[0]?.url,
          credentials: credentialHeaders(client, v.name),
          operations: listOperations(doc),
          docsUrl: docsPath(v.name),
          openapiUrl: openapiPath(v.name),
        };
      }),
    );
    setHtmlSecurityHeaders(res);
    res.type('html').send(
      renderIndexPage({
        vendors,
        seed: options.seed,
        anchor: options.anchor,
        controlsUrl: `${origin}${options.controlsPath}`,
        controlsAccess: options.controlsAccess,
      }),
    );
  });

  for (const vendor of options.vendors) {
    router.get(openapiPath(vendor.name), async (req, res) => {
      const doc = await servedDocument(vendor.name);
      res.json(withMockServer(doc, requestOrigin(req.protocol, req.headers.host), vendor.basePath));
    });

    router.use(`/docs/${vendor.name}`, async (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const ui = await cached(uis, vendor.name, () => buildSwaggerUi(vendor.name, docOptions));
      if (req.path === '/') {
        // The page loads its assets relative to itself, so it must be addressed with a trailing slash.
        if (!req.originalUrl.split('?', 1)[0]!.endsWith('/')) {
          res.redirect(301, docsPath(vendor.name));
          return;
        }
        setHtmlSecurityHeaders(res);
        res.type('html').send(ui.html);
        return;
      }
      chain(ui.files, req, res, next);
    });
  }
  return router;
}
