import { type Exchange, json, type Mutant } from './harness.ts';

type Row = Record<string, unknown>;

const EXPORT = '/export/reporting_worklog';
const isOk = (e: Exchange) => e.status === 200 && json.isJson(e);
const isExport = (e: Exchange) => e.url.pathname.endsWith(EXPORT);
const isCsv = (e: Exchange) => e.status === 200 && (e.headers['content-type'] ?? '').startsWith('text/csv');

/** Changes each JSON export row of a 200 answer. */
const eachRow = (f: (row: Row) => Row) => (e: Exchange) =>
  isOk(e) && isExport(e) ? json.write(e, (json.read(e) as Row[]).map(f)) : e;

function bearerAlg(headers: Record<string, string>): string | undefined {
  const token = /^Bearer (.+)$/i.exec(headers.authorization ?? '')?.[1];
  const header = token?.split('.')[0];
  if (!header) return undefined;
  try {
    return (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg;
  } catch {
    return undefined;
  }
}

/**
 * Enneo's mutants. `validToken` is a working JWT, used by the mutant that lets `alg: none` in.
 * Privacy mutants run against an upstream at their `expectPrivacy` level (see the test).
 */
export function enneoMutants(validToken: string): Mutant[] {
  return [
    {
      name: 'duration is a string',
      vendor: 'enneo',
      check: 'schema',
      response: eachRow((r) => ({ ...r, duration: String(r.duration) })),
    },
    {
      name: 'limit is ignored',
      vendor: 'enneo',
      check: 'pagination',
      checks: ['pagination', 'parameters'],
      failing: ['limit=0 is refused', 'limit=1 is accepted with exactly 1 row'],
      request: (url) => {
        url.searchParams.delete('limit');
        return undefined;
      },
    },
    {
      name: 'limit=1001 is served',
      vendor: 'enneo',
      check: 'parameters',
      request: (url) => {
        if (Number(url.searchParams.get('limit')) > 1000) url.searchParams.set('limit', '1000');
        return undefined;
      },
    },
    {
      // A plain misorder breaks documented behaviour: it fails even without --strict.
      name: 'ascending pages come back reversed',
      vendor: 'enneo',
      check: 'ordering',
      lenient: true,
      failing: ['rows sort by userWorklogId asc', 'rows sort by date asc'],
      passing: ['rows sort by date desc'],
      response: (e) =>
        isOk(e) && isExport(e) && e.url.searchParams.get('orderByDirection') === 'asc'
          ? json.write(e, [...(json.read(e) as Row[])].reverse())
          : e,
    },
    {
      name: 'orderByDirection is ignored',
      vendor: 'enneo',
      check: 'ordering',
      request: (url) => {
        url.searchParams.delete('orderByDirection');
        return undefined;
      },
    },
    {
      name: 'an alg:none JWT is accepted',
      vendor: 'enneo',
      check: 'auth',
      request: (_url, headers) => {
        if (bearerAlg(headers)?.toLowerCase() === 'none') headers.authorization = `Bearer ${validToken}`;
        return undefined;
      },
    },
    {
      name: 'csv comes without Content-Disposition',
      vendor: 'enneo',
      check: 'formats',
      response: (e) => {
        if (!isCsv(e)) return e;
        const { 'content-disposition': _gone, ...headers } = e.headers;
        return { ...e, headers };
      },
    },
    {
      name: 'csv header has its first two columns swapped',
      vendor: 'enneo',
      check: 'formats',
      response: (e) => {
        if (!isCsv(e)) return e;
        const text = e.body.toString('utf8');
        const end = text.indexOf('\r\n');
        const [a, b, ...rest] = text.slice(0, end).split(',');
        return { ...e, body: Buffer.from(`${[b, a, ...rest].join(',')}${text.slice(end)}`) };
      },
    },
    {
      name: 'ticket worklog duration is one second longer than the export row',
      vendor: 'enneo',
      check: 'consistency',
      failing: ['time.segments add up to time.duration'],
      response: (e) => {
        if (!isOk(e) || !e.url.pathname.endsWith('/worklog')) return e;
        const entries = json.read(e) as { time: { duration: number } }[];
        for (const entry of entries) entry.time.duration += 1;
        return json.write(e, entries);
      },
    },
    {
      name: 'email leaks under partiallyPseudonymized without the permission',
      vendor: 'enneo',
      check: 'privacy',
      target: { expectPrivacy: 'partiallyPseudonymized' },
      response: eachRow((r) => ({ ...r, email: 'leak@example.com' })),
    },
    {
      name: 'email leaks under pseudonymized',
      vendor: 'enneo',
      check: 'privacy',
      target: { expectPrivacy: 'pseudonymized' },
      failing: ["json: the pseudonymized level's columns (omitted absent, kept present)"],
      response: eachRow((r) => ({ ...r, email: 'leak@example.com' })),
    },
    {
      name: 'the full timestamp is sent under pseudonymized',
      vendor: 'enneo',
      check: 'privacy',
      target: { expectPrivacy: 'pseudonymized' },
      response: eachRow((r) => ({ ...r, date: `${String(r.date).slice(0, 10)} 12:00:00` })),
    },
  ];
}
