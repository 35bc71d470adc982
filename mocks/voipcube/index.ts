import type { VendorModule } from '../../src/http/vendor.ts';
import { renderVoipcubeError } from './errors.ts';
import { createVoipcubeRouter } from './router.ts';

export { renderVoipcubeError } from './errors.ts';
export { createVoipcubeRouter } from './router.ts';

/** VoIPcube, served under `/voipcube` (the real base URL is https://customer.voipcube.nl). */
export const voipcubeVendor: VendorModule = {
  name: 'voipcube',
  basePath: '/voipcube',
  createRouter: createVoipcubeRouter,
  renderError: renderVoipcubeError,
};
