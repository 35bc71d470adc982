import { DEFAULT_CREDENTIALS } from '../../../src/config/credentials.ts';
import { type Exchange, json, type Mutant } from './harness.ts';

type Log = { status: string; userId: string; time: string };
type Json = Record<string, unknown>;

const YEAR_MS = 366 * 86_400_000;
const isOk = (e: Exchange) => e.status === 200 && json.isJson(e);
const unpaginated = (url: URL) => !url.searchParams.has('page') && !url.searchParams.has('size');
const problem = (url: URL, status: number, message: string): Exchange => ({
  url,
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: Buffer.from(JSON.stringify({ message, code: 'INVALID_PARAMETER' })),
});

/** Changes each log of a 200 answer. */
const eachLog = (f: (log: Log) => Log) => (e: Exchange) =>
  isOk(e) ? json.write(e, (json.read(e) as Log[]).map(f)) : e;

export const VOIPCUBE_MUTANTS: Mutant[] = [
  {
    name: 'log times lose their zone (schema)',
    vendor: 'voipcube',
    check: 'schema',
    response: eachLog((l) => ({ ...l, time: l.time.replace('T', ' ').replace('Z', '') })),
  },
  {
    name: 'size is ignored (pages always hold 25)',
    vendor: 'voipcube',
    check: 'pagination',
    request: (url) => {
      if (url.searchParams.has('page')) url.searchParams.delete('size');
      return undefined;
    },
  },
  {
    name: 'a period over one year is served',
    vendor: 'voipcube',
    check: 'parameters',
    request: (url) => {
      const from = Date.parse(url.searchParams.get('from') ?? '');
      const to = Date.parse(url.searchParams.get('to') ?? '');
      if (to - from > YEAR_MS - 86_400_000)
        url.searchParams.set('to', new Date(from + 86_400_000).toISOString());
      return undefined;
    },
  },
  {
    name: 'unpaginated logs come newest first',
    vendor: 'voipcube',
    check: 'ordering',
    response: (e) => (isOk(e) && unpaginated(e.url) ? json.write(e, (json.read(e) as Log[]).reverse()) : e),
  },
  {
    name: 'userIds[] is ignored',
    vendor: 'voipcube',
    check: 'filters',
    request: (url) => {
      url.searchParams.delete('userIds[]');
      return undefined;
    },
  },
  {
    name: 'page=0 is refused instead of falling back',
    vendor: 'voipcube',
    check: 'parameters',
    request: (url) =>
      url.searchParams.get('page') === '0' ? problem(url, 400, 'page must be positive') : undefined,
  },
  {
    name: 'no key is needed',
    vendor: 'voipcube',
    check: 'auth',
    request: (_url, headers) => {
      headers.key = DEFAULT_CREDENTIALS.voipcube.key;
      return undefined;
    },
  },
  {
    name: 'JSON is labelled text/plain',
    vendor: 'voipcube',
    check: 'status',
    response: (e) => (isOk(e) ? { ...e, headers: { ...e.headers, 'content-type': 'text/plain' } } : e),
  },
  {
    name: 'an empty from crashes the server',
    vendor: 'voipcube',
    check: 'robustness',
    request: (url) => (url.searchParams.get('from') === '' ? problem(url, 500, 'boom') : undefined),
  },
  {
    name: 'an unpaginated answer starts with a log from before `from`',
    vendor: 'voipcube',
    check: 'filters',
    response: (e) => {
      if (!isOk(e) || !unpaginated(e.url) || e.url.searchParams.has('userIds[]')) return e;
      const logs = json.read(e) as Log[];
      const from = Date.parse(e.url.searchParams.get('from') ?? '');
      if (!logs[0] || Number.isNaN(from)) return e;
      return json.write(e, [{ ...logs[0], time: new Date(from - 3_600_000).toISOString() }, ...logs]);
    },
  },
];

/** Changes the `data` of a 200 answer. */
const eachData = (f: (data: { summary: Json; daily_breakdown: Json[] }) => void) => (e: Exchange) => {
  if (!isOk(e)) return e;
  const body = json.read(e) as { data: { summary: Json; daily_breakdown: Json[] } };
  f(body.data);
  return json.write(e, body);
};

export const AUTOZOD_MUTANTS: Mutant[] = [
  {
    name: 'summary session count off by one',
    vendor: 'autozod',
    check: 'consistency',
    response: eachData((d) => {
      d.summary.total_session_count = (d.summary.total_session_count as number) + 1;
    }),
  },
  {
    name: 'percentages add up to 101',
    vendor: 'autozod',
    check: 'consistency',
    response: eachData((d) => {
      d.summary.inactive_percentage = Math.min(100, (d.summary.inactive_percentage as number) + 1);
      d.summary.active_percentage = Math.min(100, (d.summary.active_percentage as number) + 1);
    }),
  },
  {
    name: 'the first day of the range is missing',
    vendor: 'autozod',
    check: 'filters',
    response: eachData((d) => {
      d.daily_breakdown.shift();
    }),
  },
  {
    name: 'an impossible date (31-02) is accepted',
    vendor: 'autozod',
    check: 'parameters',
    request: (url) => {
      for (const p of ['start_date', 'end_date']) {
        if (url.searchParams.get(p)?.startsWith('31-02-'))
          url.searchParams.set(p, `28-02-${url.searchParams.get(p)!.slice(6)}`);
      }
      return undefined;
    },
  },
  {
    name: 'any token is accepted',
    vendor: 'autozod',
    check: 'auth',
    request: (_url, headers) => {
      headers.authorization = `Bearer ${DEFAULT_CREDENTIALS.autozod.token}`;
      return undefined;
    },
  },
  {
    name: 'total_session_count is a string',
    vendor: 'autozod',
    check: 'schema',
    response: eachData((d) => {
      d.summary.total_session_count = String(d.summary.total_session_count);
    }),
  },
  {
    name: 'the active _format does not match the seconds',
    vendor: 'autozod',
    check: 'consistency',
    response: eachData((d) => {
      d.summary.total_active_duration_format =
        d.summary.total_active_duration_seconds === 1 ? '00:00:02' : '00:00:01';
    }),
  },
];
