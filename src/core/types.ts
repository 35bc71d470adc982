/**
 * The framework-free shapes every door shares: a plain request in, a plain response out, and the
 * descriptor each vendor folder exports. Nothing here knows Express, MSW or any vendor.
 */
import type { ApiError } from '../http/errors.ts';
import type { World } from '../world/types.ts';

/** A query as Node's `querystring.parse` gives it: a string, or an array when a key repeats. */
export type Query = Record<string, string | string[] | undefined>;

/**
 * A request as the core sees it, whichever door it came through.
 * Header names are lowercase; a repeated header arrives joined with `, ` (as Node and fetch join it).
 */
export interface PlainRequest {
  /** Uppercase, e.g. `GET`. */
  method: string;
  /** The path as sent (still percent-encoded), without the query string. */
  path: string;
  query: Query;
  headers: Readonly<Record<string, string | undefined>>;
  /** The body when the door read one (only the controls read bodies; vendor endpoints are GETs). */
  body?: Uint8Array | undefined;
  /** The caller's address when the door knows it (the controls' loopback check reads it). */
  remoteAddress?: string | undefined;
  /** Aborted when the caller goes away before the answer is complete (fault delays stop early). */
  signal?: AbortSignal | undefined;
}

/** What a vendor's handler sees: `path` is relative to the vendor's base path (`/stats/user-statuses`). */
export interface VendorRequest {
  method: string;
  path: string;
  query: Query;
  headers: PlainRequest['headers'];
}

/**
 * A body: ready bytes, or chunks produced as the client reads them.
 *
 * A stream is an `AsyncIterable<Uint8Array>` rather than a Node Readable: it is what every runtime
 * has (fetch's `ReadableStream.from` takes it, Node writes it with backpressure in a `for await`),
 * it stops the producer when the consumer stops (`return()` on break), and it drags no Node stream
 * machinery into the vendor cores.
 */
export type Body = Uint8Array | AsyncIterable<Uint8Array>;

/** A response as the core gives it; header names are lowercase. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  /** Null for a body-less answer (204). */
  body: Body | null;
  /**
   * Called once by the door when the body's bytes are no longer needed (the answer was written or
   * dropped), so that pooled memory can be reused. Optional on both sides.
   */
  release?: (() => void) | undefined;
  /**
   * Makes the body's bytes again, for the journal when someone reads it: a pooled body's memory is
   * reused once written, so without this the journal copies its head on every request. Must give
   * exactly the bytes of `body`, from memory that stays as it is.
   */
  remake?: (() => Uint8Array) | undefined;
  /** Called once by the door when the answer is over: whether it was delivered completely. */
  done?: ((delivered: boolean) => void) | undefined;
}

/** What the core answers: a response, or "drop the connection" (an injected `fault=reset`). */
export type Outcome = PlainResponse | ConnectionReset;

/** Drop the connection without an answer; a door that cannot, answers a network error. */
export interface ConnectionReset {
  reset: true;
  done?: ((delivered: boolean) => void) | undefined;
}

export const isReset = (outcome: Outcome): outcome is ConnectionReset => 'reset' in outcome;

/** A rendered error: the status and the vendor-shaped JSON body. */
export interface RenderedError {
  status: number;
  body: Record<string, unknown>;
}

/** How a vendor takes credentials; `client` names the field of the client credentials that carries the value. */
export type AuthScheme =
  | { type: 'bearer'; client: string }
  | { type: 'header'; name: string; client: string }
  | { type: 'cookie'; name: string; client: string };

/** A credential the server accepts, as a CLI flag and env variable may set it. */
export interface CredentialOption<C> {
  field: keyof C & string;
  flag: string;
  env: string;
  /** What `--help` shows for the value, e.g. `key` in `--voipcube-key <key>`. */
  placeholder: string;
  description: string;
  /** `header`: travels in a header or cookie (visible ASCII only); `secret`: a key, never sent. */
  kind: 'header' | 'secret';
}

/** One run-time setting: its allowed values, and how the CLI sets it at start-up. */
export interface SettingSpec {
  allowed: readonly string[];
  flag: string;
  env: string;
  description: string;
}

/** A vendor's run-time settings (what its real backend would hold): defaults and schema. */
export interface SettingsSchema<S> {
  defaults: S;
  fields: { [K in keyof S]: SettingSpec };
}

/** What a vendor's handler is built from. Nothing below the CLI reads process.env. */
export interface VendorDeps<C = unknown, S = unknown> {
  /** The data served (the whole world; each vendor reads its own part). */
  world: World;
  /** The live settings of this vendor; read per request so that changes apply at once. */
  settings: () => Readonly<S>;
  credentials: Readonly<C>;
  /** Current time in ms since the epoch (JWT `exp`/`nbf` checks); injectable for tests. */
  clock: () => number;
}

/** Answers a vendor request; null when the vendor has no route for its path (the core's 404). */
export type VendorHandler = (request: VendorRequest) => Promise<PlainResponse | null>;

/**
 * Lets a caller in, or throws the vendor's refusal (an ApiError the vendor's renderer shows), as
 * the vendor's routes do: for answers that do not come from the world (a replayed recording).
 */
export type VendorAuthenticator = (request: VendorRequest) => Promise<void>;

/**
 * One vendor, whole: where it lives, how callers authenticate, what it may be set to, how its
 * errors look, and its behaviour as a handler from a plain request to a plain response.
 * Adding a vendor means one folder exporting one of these and one line in src/core/registry.ts.
 */
export interface VendorDescriptor<
  N extends string = string,
  C extends object = object,
  S extends object = object,
  K extends Record<string, string> = Record<string, string>,
> {
  readonly name: N;
  /** How the docs, the banner and `standin credentials` call it, e.g. `VoIPcube`. */
  readonly title: string;
  /** The vendor's own base URL, e.g. `https://customer.voipcube.nl`. */
  readonly realBaseUrl: string;
  /** Where standin serves it, e.g. `/voipcube`. */
  readonly basePath: string;
  readonly auth: {
    readonly schemes: readonly AuthScheme[];
    /** The well-known development credentials the server accepts by default. */
    readonly devCredentials: Readonly<C>;
    readonly options: readonly CredentialOption<C>[];
    /** What a client sends, for server credentials `credentials` (e.g. a signed JWT). */
    clientCredentials(credentials: Readonly<C>): Promise<K>;
  };
  readonly settings?: SettingsSchema<S>;
  renderError(err: ApiError): RenderedError;
  /** Builds the vendor's handler; every index and cache it makes belongs to the caller. */
  createHandler(deps: VendorDeps<C, S>): VendorHandler;
  /** Builds the vendor's credential check alone, as its routes apply it. */
  createAuthenticator(deps: VendorDeps<C, S>): VendorAuthenticator;
}
