import type { GeneratorKind } from './generator.ts';

/** What every measurement module gets from the run: load settings, auth, and a log line writer. */
export interface BenchContext {
  /** Which program generates the load in the peer comparison (wrk, else autocannon). */
  generator: GeneratorKind;
  /** Measured rounds per server and body in the peer comparison (alternating order). */
  rounds: number;
  /** BENCH_QUICK=1: everything shortened to about a minute; figures only for development. */
  quick: boolean;
  /** autocannon connections (-c). */
  connections: number;
  /** Seconds per load run, by kind. */
  seconds: {
    /** Each format at limit=1000. */
    formats: number;
    /** Each sort column at scale, on each world. */
    scale: number;
    /** The throw-away run before each measured one. */
    warmUp: number;
    /** Each measured round of the peer comparison. */
    peers: number;
    /** WireMock's JIT warm-up before it is measured (BENCH_WIREMOCK_WARMUP). */
    wiremockWarmUp: number;
  };
  /** `Authorization: Bearer <token>` for Enneo. */
  enneoHeaders: Record<string, string>;
  /** `Key: <key>` for VoIPcube. */
  voipcubeHeaders: Record<string, string>;
  /** Progress goes to stderr so that stdout carries only the table. */
  log(line: string): void;
}

export const EXPORT_PATH = '/enneo/api/mind/export/reporting_worklog';
export const VOIPCUBE_PATH = '/voipcube/stats/user-statuses';

/** The small answer: one VoIPcube page of 10 status logs on the anchor day, about 1 KB. */
export function smallVoipcubeUrl(origin: string, anchor: string): string {
  const query = new URLSearchParams({
    from: `${anchor}T00:00:00Z`,
    to: `${anchor}T23:59:59Z`,
    page: '1',
    size: '10',
  });
  return `${origin}${VOIPCUBE_PATH}?${query}`;
}

/** An export URL with the given query (values are URL-encoded). */
export function exportUrl(origin: string, query: Record<string, string | number>): string {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return `${origin}${EXPORT_PATH}?${params}`;
}
