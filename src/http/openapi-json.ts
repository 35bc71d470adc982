/**
 * A contract as the docs serve it: JSON, pointed at the mock itself, with try-out values from the
 * served world, no request body on GET (browsers refuse to send one), no schema Swagger UI cannot
 * render and texts that make sense without standin's repository; plus the pre-authorisation
 * Swagger UI needs so that "try it out" works with the development credentials. Pure: the
 * contract itself is never modified.
 */
import type { OpenAPIV3 } from 'openapi-types';
import type { TryOutValues } from './try-out.ts';

/** The development credentials a vendor's docs are pre-authorised with. */
export interface DocsCredentials {
  /** Sent as `Authorization: Bearer <value>` for `http`/`bearer` schemes. */
  bearer?: string;
  /** Sent in the header an `apiKey` scheme names. */
  headerKey?: string;
}

/** Swagger UI's `authorize` action payload: scheme name → the scheme and its value. */
export type AuthAction = Record<
  string,
  { name: string; schema: { type: string; scheme?: string; in?: string; name?: string }; value: string }
>;

const SAFE_HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin to advertise (`http://localhost:4010`), taken from the request's Host header; an
 * empty string (a relative server URL) when the header is missing or malformed.
 */
export function requestOrigin(protocol: string, host: string | undefined): string {
  if (host === undefined || !SAFE_HOST.test(host)) return '';
  return `${protocol}://${host}`;
}

/** The contract with `servers` replaced by the mock's base URL for that vendor. */
export function withMockServer(
  document: OpenAPIV3.Document,
  origin: string,
  basePath: string,
): OpenAPIV3.Document {
  return {
    ...document,
    servers: [{ url: `${origin}${basePath}`, description: 'standin, the mock serving this page' }],
  };
}

/**
 * Pre-authorises every scheme of the contract that a browser can send: bearer tokens and API-key
 * headers. Cookie schemes are left out, as browsers do not let a page set the Cookie header.
 */
export function authActionFor(document: OpenAPIV3.Document, creds: DocsCredentials): AuthAction {
  const action: AuthAction = {};
  const schemes = document.components?.securitySchemes ?? {};
  for (const [name, scheme] of Object.entries(schemes)) {
    if ('$ref' in scheme) continue;
    if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer' && creds.bearer) {
      action[name] = { name, schema: { type: 'http', scheme: 'bearer' }, value: creds.bearer };
    } else if (scheme.type === 'apiKey' && scheme.in === 'header' && creds.headerKey) {
      action[name] = {
        name,
        schema: { type: 'apiKey', in: 'header', name: scheme.name },
        value: creds.headerKey,
      };
    }
  }
  return action;
}

/** `METHOD path — summary` for each operation, in document order. */
export function listOperations(
  document: OpenAPIV3.Document,
): { method: string; path: string; summary: string }[] {
  const out: { method: string; path: string; summary: string }[] = [];
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of methods) {
      const op = item?.[method];
      if (op) out.push({ method: method.toUpperCase(), path, summary: op.summary ?? '' });
    }
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Repository paths in the contracts' texts, and what a package user reads instead. More
 * specific phrases come first; the last entries catch any remaining path.
 */
const PATH_TEXTS: readonly [RegExp, string][] = [
  [
    /\.\.\/shared\/vendor-docs\/enneo-export-reporting-worklog\.txt and enneo-ticket-worklog\.md/g,
    'the reporting-worklog export page and the ticket worklog page',
  ],
  [/\.\.\/shared\/vendor-docs\/[\w.-]+/g, "the vendor's documentation"],
  [/contracts\/README\.md explains/g, "standin's contract notes explain"],
  [/one of the codes of src\/http\/errors\.ts/g, "one of standin's error codes"],
  [/ \(src\/http\/errors\.ts\)/g, ''],
  [/contracts\/README\.md/g, "standin's contract notes"],
  [/\b(?:src|mocks|test|contracts)\/[\w/.-]+/g, "standin's source"],
];

/** A text of the contract as a package user can follow it: no paths of standin's repository. */
export function withoutRepositoryPaths(text: string): string {
  return PATH_TEXTS.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}

/** Rewrites every `description`, `summary` and `title` string of the document, recursively. */
function rewriteTexts(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteTexts);
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      typeof value === 'string' && (key === 'description' || key === 'summary' || key === 'title')
        ? withoutRepositoryPaths(value)
        : rewriteTexts(value);
  }
  return out;
}

/**
 * A parameter with its try-out value: `example` set (Swagger UI pre-fills it), the description
 * telling where the value comes from and what the vendor's own example was.
 */
function withTryOut(parameter: Json, values: TryOutValues): Json {
  let out = parameter;
  const name = typeof out.name === 'string' ? out.name : undefined;
  if (name !== undefined && Object.hasOwn(values, name)) {
    const value = values[name];
    const { examples: _examples, ...rest } = out;
    const was = rest.example === undefined ? '' : ` The contract's example: ${JSON.stringify(rest.example)}.`;
    const note = `Pre-filled from the world this standin serves, so that "Try it out" finds data.${was}`;
    const description = typeof rest.description === 'string' ? `${rest.description} ${note}` : note;
    out = { ...rest, description, example: value };
  }
  // Swagger UI 5 looks up a `JsonSchema_<type>_<format>` input for each array item format
  // without its silent fallback, and logs "Could not find component: JsonSchema_string_uuid".
  // The description already states the format; the served schema drops it from the items.
  const schema = out.schema;
  if (isObject(schema) && isObject(schema.items) && typeof schema.items.format === 'string') {
    const { format: _format, ...items } = schema.items;
    out = { ...out, schema: { ...schema, items } };
  }
  return out;
}

const NO_BODY_NOTE =
  'The docs page sends no body: a browser cannot send one with GET, and the endpoint reads none.';

/** The contract as the docs page serves it (see the module comment). */
export function documentForDocsPage(document: OpenAPIV3.Document, values: TryOutValues): OpenAPIV3.Document {
  const doc = rewriteTexts(document) as Json;
  const components = isObject(doc.components) ? doc.components : undefined;
  if (components && isObject(components.parameters)) {
    const parameters: Json = {};
    for (const [key, p] of Object.entries(components.parameters))
      parameters[key] = isObject(p) ? withTryOut(p, values) : p;
    doc.components = { ...components, parameters };
  }
  if (isObject(doc.paths)) {
    const paths: Json = {};
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!isObject(item)) {
        paths[path] = item;
        continue;
      }
      const served: Json = { ...item };
      for (const [method, op] of Object.entries(item)) {
        if (!isObject(op) || !['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method))
          continue;
        let next: Json = { ...op };
        if (Array.isArray(op.parameters))
          next.parameters = op.parameters.map((p) =>
            isObject(p) && !('$ref' in p) ? withTryOut(p, values) : p,
          );
        if ((method === 'get' || method === 'head') && op.requestBody !== undefined) {
          const { requestBody: _body, ...rest } = next;
          const description =
            typeof rest.description === 'string' ? `${rest.description} ${NO_BODY_NOTE}` : NO_BODY_NOTE;
          next = { ...rest, description };
        }
        served[method] = next;
      }
      paths[path] = served;
    }
    doc.paths = paths;
  }
  return doc as unknown as OpenAPIV3.Document;
}
