/** Where a vendor's contract lives, apart from the loader so that finding it loads no parser. */
import { packagePath } from '../package-root.ts';
import type { ContractVendor } from './loader.ts';

/** Absolute path of contracts/<vendor>.yaml in the standin package (not the cwd), from sources or dist. */
export function contractPath(vendor: ContractVendor): string {
  return packagePath('contracts', `${vendor}.yaml`);
}
