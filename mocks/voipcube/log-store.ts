import { type StatusLogSource, statusLogSource } from '../../src/world/duty-records.ts';
import type { StatusLog } from '../../src/world/types.ts';
import type { DateRange } from './date-range.ts';

/** The logs a query selects, in canonical order (time ascending, ties by userId). */
export interface Selection {
  /** How many logs the query selects in all (before paging). */
  readonly count: number;
  /**
   * The selected logs `[start, end)` as their JSON text, produced lazily so that a large answer
   * is never held in memory at once.
   */
  json(start?: number, end?: number): Iterable<string>;
}

/** The status logs indexed for the endpoint's queries; built once per router. */
export interface LogStore {
  readonly size: number;
  /** Logs with `fromMs <= time <= toMs`, only those of `userIds` (lowercase) when given. */
  select(range: DateRange, userIds?: ReadonlySet<string>): Selection;
}

export interface LogStoreOptions {
  /**
   * Up to this many filtered users, their own index arrays are merged; with more, the time
   * window is scanned once against a user mask, which is cheaper than a wide merge.
   */
  mergeLimit?: number;
}

const DEFAULT_MERGE_LIMIT = 16;

/** First position in `[0, n)` whose value is not below `target` (values ascending). */
function lowerBound(n: number, valueAt: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position in `[0, n)` whose value is above `target`. */
function upperBound(n: number, valueAt: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (valueAt(mid) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareCanonical(aMs: number, aUser: string, bMs: number, bUser: string): number {
  if (aMs !== bMs) return aMs - bMs;
  return aUser < bUser ? -1 : aUser > bUser ? 1 : 0;
}

/** The logs in canonical order; the world already gives them so, and then no sort is paid for. */
function canonicalOrder(logs: StatusLogSource, times: Float64Array): Uint32Array {
  const order = new Uint32Array(logs.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < logs.length && sorted; i++) {
    sorted = compareCanonical(times[i - 1]!, logs.userId(i - 1), times[i]!, logs.userId(i)) <= 0;
  }
  if (!sorted) {
    order.sort((a, b) => compareCanonical(times[a]!, logs.userId(a), times[b]!, logs.userId(b)) || a - b);
  }
  return order;
}

/**
 * Indexes status logs for range and user queries: the time window is found by binary search on
 * epoch ms (O(log n)), and each user's logs are kept as an index array so that a user filter
 * costs O(log n) per user plus the answer. Each log is serialised to JSON when first answered and
 * then kept, so that start-up does not pay for the logs nobody asks for. `source`: the logs, or a
 * generated world's compact records (`statusLogsOf`).
 * Throws (a programming error, not a request error) when a log's time is not a date.
 */
export function createLogStore(
  source: readonly StatusLog[] | StatusLogSource,
  options: LogStoreOptions = {},
): LogStore {
  const mergeLimit = options.mergeLimit ?? DEFAULT_MERGE_LIMIT;
  const logs = statusLogSource(source);
  const rawTimes = new Float64Array(logs.length);
  for (let i = 0; i < logs.length; i++) rawTimes[i] = logs.timeMs(i);
  const order = canonicalOrder(logs, rawTimes);
  const n = order.length;
  const times = new Float64Array(n);
  const json: (string | undefined)[] = new Array(n);
  const userNo = new Int32Array(n);
  const userNumbers = new Map<string, number>();
  // The user of the log before: runs of one user's logs skip lowercasing and the lookup.
  let lastUserId: string | undefined;
  let lastNo = -1;
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const src = order[i]!;
    const userId = logs.userId(src);
    times[i] = rawTimes[src]!;
    if (userId !== lastUserId) {
      const key = userId.toLowerCase();
      let no = userNumbers.get(key);
      if (no === undefined) {
        no = counts.length;
        userNumbers.set(key, no);
        counts.push(0);
      }
      lastUserId = userId;
      lastNo = no;
    }
    userNo[i] = lastNo;
    counts[lastNo]!++;
  }
  // Each user's positions, ascending: counted first, then filled, with no growing arrays.
  const perUser = counts.map((count) => new Int32Array(count));
  const filled = new Int32Array(counts.length);
  for (let i = 0; i < n; i++) {
    const no = userNo[i]!;
    perUser[no]![filled[no]!++] = i;
  }
  /** The JSON of the log at canonical position i, in the key order the vendor's example shows. */
  const jsonAt = (i: number): string => {
    let text = json[i];
    if (text === undefined) {
      const log = logs.log(order[i]!);
      text = JSON.stringify({ status: log.status, userId: log.userId, time: log.time });
      json[i] = text;
    }
    return text;
  };
  const timeAt = (i: number) => times[i]!;

  function* between(lo: number, hi: number): Iterable<string> {
    for (let i = lo; i < hi; i++) yield jsonAt(i);
  }

  function selectAll({ fromMs, toMs }: DateRange): Selection {
    const lo = lowerBound(n, timeAt, fromMs);
    const hi = upperBound(n, timeAt, toMs);
    const count = Math.max(0, hi - lo);
    return {
      count,
      json: (start = 0, end = count) => between(lo + Math.max(0, start), lo + Math.min(end, count)),
    };
  }

  function selectUsers({ fromMs, toMs }: DateRange, ids: ReadonlySet<string>): Selection {
    // One run per filtered user that has logs in the window: [a, b) within its index array.
    const runs: { list: Int32Array; a: number; b: number }[] = [];
    const mask = new Uint8Array(perUser.length);
    let count = 0;
    for (const id of ids) {
      const no = userNumbers.get(id);
      if (no === undefined) continue;
      const list = perUser[no]!;
      const at = (j: number) => times[list[j]!]!;
      const a = lowerBound(list.length, at, fromMs);
      const b = upperBound(list.length, at, toMs);
      if (a >= b) continue;
      runs.push({ list, a, b });
      mask[no] = 1;
      count += b - a;
    }

    function* merged(start: number, end: number): Iterable<string> {
      const heads = runs.map((r) => r.a);
      for (let k = 0; k < end; k++) {
        // Global indices are in canonical order, so the smallest head is the next log.
        let best = -1;
        for (let r = 0; r < runs.length; r++) {
          const run = runs[r]!;
          if (heads[r]! < run.b && (best < 0 || run.list[heads[r]!]! < runs[best]!.list[heads[best]!]!))
            best = r;
        }
        if (best < 0) return;
        const index = runs[best]!.list[heads[best]!]!;
        heads[best]!++;
        if (k >= start) yield jsonAt(index);
      }
    }

    function* masked(start: number, end: number): Iterable<string> {
      let k = 0;
      const lo = lowerBound(n, timeAt, fromMs);
      const hi = upperBound(n, timeAt, toMs);
      for (let i = lo; i < hi && k < end; i++) {
        if (mask[userNo[i]!] !== 1) continue;
        if (k >= start) yield jsonAt(i);
        k++;
      }
    }

    return {
      count,
      json: (start = 0, end = count) => {
        const s = Math.max(0, start);
        const e = Math.min(end, count);
        if (s >= e) return [];
        if (runs.length === 1) {
          const run = runs[0]!;
          return (function* () {
            for (let j = run.a + s; j < run.a + e; j++) yield jsonAt(run.list[j]!);
          })();
        }
        return runs.length <= mergeLimit ? merged(s, e) : masked(s, e);
      },
    };
  }

  return {
    size: n,
    select: (range, userIds) => (userIds ? selectUsers(range, userIds) : selectAll(range)),
  };
}
