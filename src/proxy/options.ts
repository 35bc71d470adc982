/** The options of `startProxy`, with their documented defaults. */
import type { ContractVendor } from '../contract/loader.ts';
import type { PrivacyExpectation } from '../contract/suite/types.ts';
import type { ProxyJournalEntry } from './journal.ts';

export interface ProxyOptions {
  vendor: ContractVendor;
  /** The vendor's base URL the proxy forwards to, e.g. `http://127.0.0.1:4010/voipcube`. */
  target: string;
  /** Default 4020; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Write every exchange to this HAR 1.2 file (credentials redacted). */
  record?: string;
  /** Enneo: the reportingPrivacyLevel the target is expected to apply. Default none. */
  expectPrivacy?: PrivacyExpectation;
  /** Assumed behaviour counts as a violation, not a warning. Default false. */
  strict?: boolean;
  /** Largest answer held for judging. Default 32 MiB; a larger one passes unjudged. */
  maxBodyBytes?: number;
  /** Largest request body taken; a larger one is answered 413. Default 1 MiB. */
  maxRequestBytes?: number;
  /** Milliseconds the target may stay silent. Default 60 000. */
  timeoutMs?: number;
  /** Exchanges `GET /__standin/requests` keeps (the newest). Default 1000. */
  journalLimit?: number;
  /** Exchanges the report itemises (the first). Default 100 000. */
  reportLimit?: number;
  /** The HAR's creator version. Default 0.0.0. */
  version?: string;
  /** Told about each exchange once judged (already redacted). */
  onExchange?: (entry: ProxyJournalEntry) => void;
  /** Told about what went wrong outside an exchange (writing the HAR). */
  onWarning?: (message: string) => void;
  /** ms since the epoch. Default Date.now. */
  clock?: () => number;
}

export interface ResolvedProxyOptions
  extends Required<Omit<ProxyOptions, 'target' | 'record' | 'expectPrivacy'>> {
  target: URL;
  record?: string;
  expectPrivacy?: PrivacyExpectation;
}

/** Fills in the defaults and checks the target. @throws TypeError for a target that is no http(s) URL. */
export function resolveOptions(options: ProxyOptions): ResolvedProxyOptions {
  let target: URL;
  try {
    target = new URL(options.target);
  } catch {
    throw new TypeError(
      `startProxy: target must be an absolute http(s) URL, got ${JSON.stringify(options.target)}`,
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError('startProxy: target must use http or https');
  }
  if (target.username || target.password) {
    throw new TypeError('startProxy: target must not carry credentials; the client sends its own');
  }
  target.search = '';
  target.hash = '';
  return {
    vendor: options.vendor,
    target,
    port: options.port ?? 4020,
    host: options.host ?? '127.0.0.1',
    strict: options.strict ?? false,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 60_000,
    journalLimit: options.journalLimit ?? 1000,
    reportLimit: options.reportLimit ?? 100_000,
    version: options.version ?? '0.0.0',
    onExchange: options.onExchange ?? (() => {}),
    onWarning: options.onWarning ?? (() => {}),
    clock: options.clock ?? Date.now,
    ...(options.record !== undefined ? { record: options.record } : {}),
    ...(options.expectPrivacy !== undefined ? { expectPrivacy: options.expectPrivacy } : {}),
  };
}
