/**
 * `standin/msw`: the vendors as MSW 2 request handlers at their real base URLs, answered
 * in-process — the client under test keeps calling `https://customer.voipcube.nl/...`, with no
 * port, no base-URL swap and no server to start. This is the only module that imports msw (an
 * optional peer dependency: install it where you import this).
 */
import { type HttpHandler, http } from 'msw';
import { plainFromFetch, responseFromOutcome } from './adapters/fetch.ts';
import type { Controls } from './core/controls.ts';
import type { VendorName } from './core/registry.ts';
import { createStandin, type StandinOptions } from './core/standin.ts';

export { ControlError } from './core/control-error.ts';
export type { Controls, FaultRuleInput, RequestFilter, SettingsOverrides } from './core/controls.ts';

/** Options of `createHandlers`: those of `createApp`, and where each vendor is intercepted. */
export interface HandlersOptions extends StandinOptions {
  /**
   * The base URL intercepted per vendor. Default: the vendors' real ones,
   * `https://demo.enneo.ai/api/mind`, `https://customer.voipcube.nl`, `https://www.autozod.app`.
   */
  baseUrls?: Partial<Record<VendorName, string>>;
}

/** What `createHandlers` gives: handlers for `setupServer(...handlers)`, and the controls. */
export interface StandinHandlers {
  handlers: HttpHandler[];
  /** Settings, fault rules, journal and reset, in-process, for this instance's handlers. */
  controls: Controls;
}

/** The part of `url` below `base` (`''` for base itself), or null when `url` is not under it. */
function below(url: URL, base: URL): string | null {
  if (url.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/+$/, '');
  const path = url.pathname;
  if (path.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = path.slice(prefix.length);
  return rest === '' || rest.startsWith('/') ? rest : null;
}

/**
 * Builds the MSW handlers of one standin instance (options as for `createApp`).
 * @example
 * import { setupServer } from 'msw/node';
 * import { createHandlers } from 'standin/msw';
 * const { handlers, controls } = createHandlers();
 * const server = setupServer(...handlers);
 * server.listen();
 * await fetch('https://customer.voipcube.nl/stats/user-statuses?from=2025-09-01&to=2025-09-02', {
 *   headers: { Key: 'standin-voipcube-dev-key' },
 * });
 * await controls.listRequests(); // what your client sent
 */
export function createHandlers(options: HandlersOptions = {}): StandinHandlers {
  const { baseUrls = {}, ...standinOptions } = options;
  const standin = createStandin(standinOptions);
  const handlers = standin.vendors.map((vendor) => {
    const given = baseUrls[vendor.name] ?? vendor.realBaseUrl;
    let base: URL;
    try {
      base = new URL(given);
    } catch {
      throw new TypeError(`createHandlers: baseUrls.${vendor.name} ${JSON.stringify(given)} is not a URL`);
    }
    return http.all(
      ({ request }) => below(new URL(request.url), base) !== null,
      async ({ request }) => {
        const rest = below(new URL(request.url), base) ?? '';
        // The real URL maps onto standin's path, so the journal and fault rules see the same paths.
        const plain = await plainFromFetch(request, {}, `${vendor.basePath}${rest}`);
        return responseFromOutcome(await standin.handle(plain), plain.method);
      },
    );
  });
  return { handlers, controls: standin.controls };
}
