import autocannon from 'autocannon';

/** What one autocannon run tells us, reduced to the figures the bench reports. */
export interface LoadResult {
  /** Mean requests per second over the run. */
  reqPerSec: number;
  /** Mean response bytes per second (headers and body). */
  bytesPerSec: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Non-2xx answers, connection errors and timeouts; a run with any is not a fair figure. */
  failures: number;
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /**
   * Send exactly this many requests instead of running for `seconds`. For answers that take long
   * to make: a timed run would cut off every request in flight at its end (and leave the server
   * busy with them during the next run), and may end before any of 50 concurrent slow answers is
   * complete.
   */
  amount?: number;
}

/** Runs autocannon against one URL (keep-alive, no pipelining) and reduces the result. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.seconds } : { amount: options.amount }),
    pipelining: 1,
    timeout: 60,
  });
  // With `amount`, the run's last second is partial: rates over the whole run are the fair figure.
  const counted = options.amount !== undefined && result.duration > 0;
  return {
    reqPerSec: counted ? result.requests.total / result.duration : result.requests.average,
    bytesPerSec: counted ? result.throughput.total / result.duration : result.throughput.average,
    latencyMeanMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/** A short run whose figures are thrown away: JIT, caches and sockets are warm when the real one starts. */
export async function warmUp(options: Omit<LoadOptions, 'seconds'>, seconds = 1): Promise<void> {
  await load({ ...options, seconds });
}

/** A load run's figures in the shape a Measurement carries. */
export function loadFigures(result: LoadResult): Record<string, number> {
  return {
    'req/s': result.reqPerSec,
    'ms p50': result.latencyP50Ms,
    'ms p99': result.latencyP99Ms,
  };
}

/**
 * Two runs of the same request as one: rates and medians averaged, the mean latency weighted by
 * requests, p99 the worse of the two, counts added.
 */
export function combine(a: LoadResult, b: LoadResult): LoadResult {
  const requests = a.requests + b.requests;
  const weighted = (x: number, y: number) =>
    requests > 0 ? (x * a.requests + y * b.requests) / requests : 0;
  return {
    reqPerSec: (a.reqPerSec + b.reqPerSec) / 2,
    bytesPerSec: (a.bytesPerSec + b.bytesPerSec) / 2,
    latencyMeanMs: weighted(a.latencyMeanMs, b.latencyMeanMs),
    latencyP50Ms: (a.latencyP50Ms + b.latencyP50Ms) / 2,
    latencyP99Ms: Math.max(a.latencyP99Ms, b.latencyP99Ms),
    requests,
    failures: a.failures + b.failures,
  };
}
