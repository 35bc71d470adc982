/**
 * @deprecated The vendor types moved to src/core (types.ts, registry.ts); these names remain so that
 * code written against them keeps compiling. `VendorModule` is the descriptor.
 */
export type { VendorName } from '../core/registry.ts';
export { VENDORS } from '../core/registry.ts';
export type {
  RenderedError,
  VendorDeps,
  VendorDescriptor,
  VendorDescriptor as VendorModule,
} from '../core/types.ts';
