/**
 * Which operation of a contract an exchange's path belongs to. Clients and recordings write paths
 * in three ways: under the vendor's base (`/stats/user-statuses`, what a client of the proxy
 * sends), under standin's base path (`/voipcube/stats/user-statuses`) or under the real vendor's
 * (`/api/mind/export/reporting_worklog`).
 */
import type { Contract, ContractVendor, Operation } from '../loader.ts';

/** standin's base path per vendor (DESIGN.md "One server, four endpoints"; src/app.ts mounts them). */
export const STANDIN_BASE_PATHS: Record<ContractVendor, string> = {
  enneo: '/enneo/api/mind',
  voipcube: '/voipcube',
  autozod: '/autozod',
};

/** The path prefixes a request of this vendor may carry, longest first. */
export function basePathsOf(contract: Contract, vendor: ContractVendor): string[] {
  const fromServers = (contract.document.servers ?? []).flatMap((s) => {
    try {
      return [new URL(s.url).pathname.replace(/\/+$/, '')];
    } catch {
      return [];
    }
  });
  return [...new Set([STANDIN_BASE_PATHS[vendor], ...fromServers, ''])].sort((a, b) => b.length - a.length);
}

/** The operation for a method and a concrete path, or undefined when none matches under any base. */
export function matchOperation(
  contract: Contract,
  vendor: ContractVendor,
  method: string,
  path: string,
): Operation | undefined {
  for (const base of basePathsOf(contract, vendor)) {
    if (base && path !== base && !path.startsWith(`${base}/`)) continue;
    const rest = path.slice(base.length) || '/';
    try {
      return contract.operation(method, rest);
    } catch {
      // not under this base; the next one may fit
    }
  }
  return undefined;
}
