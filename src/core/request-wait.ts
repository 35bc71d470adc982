/**
 * Waiting for requests still to come (`GET /__standin/requests/wait`): a test starts its client,
 * then waits until the mock has seen what it expects, instead of sleeping and hoping.
 */
import { type Journal, matches } from '../http/journal.ts';
import type { WaitResult } from './controls.ts';
import { DEFAULT_WAIT_MS, type WaitFilter } from './request-filter.ts';

/**
 * Settles when `wait.count` entries match (counting those already journaled), or with
 * `arrived: false` at the timeout or when `wait.signal` aborts. Each new entry is checked once
 * against the filter; nothing polls.
 */
export function waitForRequests(journal: Journal, wait: WaitFilter): Promise<WaitResult> {
  const { count: wanted, timeoutMs = DEFAULT_WAIT_MS, signal, ...filter } = wait;
  // `limit` bounds what is listed, not what is counted towards `count`.
  const { limit: _limit, ...counted } = filter;
  const result = (arrived: boolean): WaitResult => ({
    arrived,
    count: journal.count(counted),
    requests: journal.list(filter),
  });
  let seen = journal.count(counted);
  if (seen >= wanted) return Promise.resolve(result(true));
  if (timeoutMs === 0 || signal?.aborted) return Promise.resolve(result(false));
  return new Promise((resolve) => {
    const finish = (arrived: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      resolve(result(arrived));
    };
    const onAbort = () => finish(false);
    const unsubscribe = journal.subscribe((entry) => {
      if (!matches(entry, counted)) return;
      seen += 1;
      if (seen >= wanted) finish(true);
    });
    const timer = setTimeout(() => finish(false), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
