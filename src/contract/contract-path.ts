/** Where a vendor's contract lives, apart from the loader so that finding it loads no parser. */
import { packagePath } from '../package-root.ts';

/** The vendors with a contract in contracts/. */
export type ContractVendor = 'enneo' | 'voipcube' | 'autozod';

/** The vendor names, in the order the README lists them (here, not in the loader: the CLI's flags need them without the parser). */
export const CONTRACT_VENDORS: readonly ContractVendor[] = ['enneo', 'voipcube', 'autozod'];

/** Absolute path of contracts/<vendor>.yaml in the standin package (not the cwd), from sources or dist. */
export function contractPath(vendor: ContractVendor): string {
  return packagePath('contracts', `${vendor}.yaml`);
}
