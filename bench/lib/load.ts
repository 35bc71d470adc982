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
}

/** Runs autocannon against one URL (keep-alive, no pipelining) and reduces the result. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 30,
  });
  return {
    reqPerSec: result.requests.average,
    bytesPerSec: result.throughput.average,
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
