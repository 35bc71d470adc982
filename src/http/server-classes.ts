/**
 * Request and response objects born with an Express app's own prototypes.
 *
 * Express gives every request and response the app's prototypes with Object.setPrototypeOf as
 * they arrive. V8 handles that badly: the objects' hidden classes are rebuilt per request, in old
 * space, so a busy server fills its old generation with garbage — on this machine a plain Express
 * route ran 29 full collections in 8 s under load, and every young collection took ~4 ms instead of
 * ~0.4 ms. Created as instances of the app's prototypes from the start, the objects need no change
 * (setPrototypeOf to the prototype an object already has does nothing), and the cost is gone.
 */
import {
  type IncomingMessage as HttpRequest,
  type ServerResponse as HttpResponse,
  IncomingMessage,
  type ServerOptions,
  ServerResponse,
} from 'node:http';

type Classes = Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>;

/** What of an Express app this reads: the prototypes it gives requests and responses. */
export interface PrototypeSource {
  request?: unknown;
  response?: unknown;
}

/**
 * The `IncomingMessage`/`ServerResponse` options of `http.createServer` for `app`; empty for a
 * listener that is not an Express app. Node constructs through them exactly as through its own
 * classes (they run Node's constructors), only the prototype differs.
 * @example http.createServer({ ...serverClassesFor(app) }, app)
 */
export function serverClassesFor(app: PrototypeSource): Classes {
  const { request, response } = app;
  if (!(request instanceof IncomingMessage) || !(response instanceof ServerResponse)) return {};
  if (isClass(IncomingMessage) || isClass(ServerResponse)) return {};
  // Plain constructor functions over Node's own, rather than Reflect.construct: an object made by
  // `new` on a plain function gets V8's tuned in-object layout; one made by Reflect.construct did
  // not (Node's constructors then ran ~3 times slower).
  function AppRequest(this: HttpRequest, ...args: ConstructorParameters<typeof IncomingMessage>): void {
    Reflect.apply(IncomingMessage, this, args);
  }
  AppRequest.prototype = request;
  function AppResponse(this: HttpResponse, ...args: ConstructorParameters<typeof ServerResponse>): void {
    Reflect.apply(ServerResponse, this, args);
  }
  AppResponse.prototype = response;
  return {
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
  };
}

/** An ES class cannot be called on an existing object; Node's http classes are plain functions (Node 20). */
function isClass(fn: unknown): boolean {
  return typeof fn !== 'function' || /^class\b/.test(Function.prototype.toString.call(fn));
}
