import type { VendorModule } from '../../src/http/vendor.ts';
import { renderEnneoError } from './errors.ts';
import { createEnneoRouter } from './router.ts';

export { renderEnneoError } from './errors.ts';
export { createEnneoRouter } from './router.ts';
export { defaultEnneoToken, mintEnneoToken } from './token.ts';

/** Enneo: reporting-worklog export and per-ticket worklogs under `/enneo/api/mind`. */
export const enneoVendor: VendorModule = {
  name: 'enneo',
  basePath: '/enneo/api/mind',
  createRouter: createEnneoRouter,
  renderError: renderEnneoError,
};
