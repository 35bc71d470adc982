/**
 * The contract loader as the public API offers it: loaded on first call, so that `import 'standin'`
 * does not bring the OpenAPI parser and ajv to a test set-up that only serves.
 */
import type { Contract, ContractVendor } from '../contract/loader.ts';

/**
 * Loads a contract by vendor name or by file path into validators (see src/contract/loader.ts).
 * @example const enneo = await loadContract('enneo'); enneo.operation('get', '/export/reporting_worklog');
 */
export async function loadContract(vendorOrFile: ContractVendor | string): Promise<Contract> {
  const loader = await import('../contract/loader.ts');
  return loader.loadContract(vendorOrFile);
}
