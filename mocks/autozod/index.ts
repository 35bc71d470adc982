/** Autozod (field agents): GET /autozod/api/sessionLogs/list. */
import type { VendorModule } from '../../src/http/vendor.ts';
import { renderAutozodError } from './errors.ts';
import { createAutozodRouter } from './router.ts';

export { renderAutozodError } from './errors.ts';
export { createAutozodRouter } from './router.ts';

export const autozodVendor: VendorModule = {
  name: 'autozod',
  basePath: '/autozod',
  createRouter: createAutozodRouter,
  renderError: renderAutozodError,
};
