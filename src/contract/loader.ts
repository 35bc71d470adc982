/**
 * Loading a vendor contract (contracts/<vendor>.yaml) into validators: parsed, checked as
 * OpenAPI 3.0, dereferenced, every schema compiled once, cached per file.
 */
import { resolve } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { CONTRACT_VENDORS, type ContractVendor, contractPath } from './contract-path.ts';
import { readContractDocument } from './document.ts';
import { ContractLoadError } from './load-error.ts';
import { buildOperation, type Operation } from './operation.ts';
import type { Fail } from './responses.ts';

export { CONTRACT_VENDORS, type ContractVendor } from './contract-path.ts';
export { ContractLoadError } from './load-error.ts';
export type { Operation, OperationExample, OperationRule } from './operation.ts';

/** A loaded contract: the dereferenced document and its operations with compiled validators. */
export interface Contract {
  /** Absolute path of the YAML file. */
  file: string;
  /** The document with every `$ref` resolved. */
  document: OpenAPIV3.Document;
  operations: Operation[];
  /**
   * The operation for a method and path template (`get`, `/ticket/{ticketId}/worklog`); a
   * concrete path (`/ticket/42/worklog`) is matched against the templates when no template is
   * equal. Throws an Error listing the operations there are when none matches.
   */
  operation(method: string, pathTemplate: string): Operation;
  /** The operation with this operationId; throws an Error listing the ids when absent. */
  operationById(id: string): Operation;
  /** `components.securitySchemes`, by name. */
  securitySchemes: Record<string, OpenAPIV3.SecuritySchemeObject>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export { contractPath } from './contract-path.ts';

const cache = new Map<string, Promise<Contract>>();

/**
 * Loads a contract by vendor name or by file path (relative paths resolve against the cwd).
 * The result is cached per absolute path: a second call returns the same object. A failed load
 * is not cached, so fixing the file and calling again works.
 * @throws ContractLoadError naming the file and the place (line/column, JSON pointer).
 * @example
 *   const enneo = await loadContract('enneo');
 *   const op = enneo.operation('get', '/export/reporting_worklog');
 *   op.validateItem('200', 'application/json', row, 0); // [] when the row keeps the contract
 */
export function loadContract(vendorOrFile: ContractVendor | string): Promise<Contract> {
  const file = (CONTRACT_VENDORS as readonly string[]).includes(vendorOrFile)
    ? contractPath(vendorOrFile as ContractVendor)
    : resolve(vendorOrFile);
  let pending = cache.get(file);
  if (!pending) {
    pending = buildContract(file);
    cache.set(file, pending);
    pending.catch(() => cache.delete(file));
  }
  return pending;
}

/** Forgets cached contracts (all, or one file), e.g. after a test rewrote a file. */
export function clearContractCache(vendorOrFile?: ContractVendor | string): void {
  if (vendorOrFile === undefined) {
    cache.clear();
    return;
  }
  cache.delete(
    (CONTRACT_VENDORS as readonly string[]).includes(vendorOrFile)
      ? contractPath(vendorOrFile as ContractVendor)
      : resolve(vendorOrFile),
  );
}

async function buildContract(file: string): Promise<Contract> {
  const { document, source } = await readContractDocument(file);
  const fail: Fail = (pointer, reason, cause) => {
    throw new ContractLoadError(file, reason, source.locate(pointer), { cause });
  };
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of METHODS) {
      const definition = item[method];
      if (definition) operations.push(buildOperation({ method, path, pathItem: item, definition, fail }));
    }
  }
  const list = () => operations.map((o) => `${o.method.toUpperCase()} ${o.path}`).join(', ') || 'none';

  return {
    file,
    document,
    operations,
    operation(method, pathTemplate) {
      const m = method.toLowerCase();
      const found =
        operations.find((o) => o.method === m && o.path === pathTemplate) ??
        operations.find((o) => o.method === m && templateMatches(o.path, pathTemplate));
      if (!found) {
        throw new Error(`${file} has no operation ${method.toUpperCase()} ${pathTemplate}; it has ${list()}`);
      }
      return found;
    },
    operationById(id) {
      const found = operations.find((o) => o.id === id);
      if (!found) {
        throw new Error(
          `${file} has no operation with id ${JSON.stringify(id)}; ids: ${operations.map((o) => o.id).join(', ') || 'none'}`,
        );
      }
      return found;
    },
    securitySchemes: (document.components?.securitySchemes ?? {}) as Record<
      string,
      OpenAPIV3.SecuritySchemeObject
    >,
  };
}

/** True when a concrete path fits a template (`/ticket/{ticketId}/worklog` ~ `/ticket/42/worklog`). */
function templateMatches(template: string, path: string): boolean {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`).test(path);
}
