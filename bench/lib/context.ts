/** What every measurement module gets from the run: load settings, auth, and a log line writer. */
export interface BenchContext {
  /** autocannon connections (-c). */
  connections: number;
  /** Seconds per load run, by kind. */
  seconds: {
    /** The headline comparison (standin vs node:http vs Prism). */
    headline: number;
    /** Each format at limit=1000. */
    formats: number;
    /** Each sort column at scale, on each world. */
    scale: number;
    /** The throw-away run before each measured one. */
    warmUp: number;
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

/** An export URL with the given query (values are URL-encoded). */
export function exportUrl(origin: string, query: Record<string, string | number>): string {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return `${origin}${EXPORT_PATH}?${params}`;
}
