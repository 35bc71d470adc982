/**
 * A contract as the docs serve it: JSON, pointed at the mock itself, plus the pre-authorisation
 * Swagger UI needs so that "try it out" works with the development credentials. Pure.
 */
import type { OpenAPIV3 } from 'openapi-types';

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
