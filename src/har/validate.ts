/**
 * `standin validate` without the CLI: recorded exchanges judged offline — the entries of HAR 1.2
 * files, or a bare JSON body as the answer of one operation — with the proxy's checks, into
 * verify's Report.
 */
import { createJudge } from '../contract/exchange/judge.ts';
import { exchangeReport, type JudgedExchange } from '../contract/exchange/report.ts';
import type { Exchange, JudgeOptions, Verdict } from '../contract/exchange/types.ts';
import type { ContractVendor } from '../contract/loader.ts';
import type { Report } from '../contract/suite/types.ts';
import { createSecretKeeper } from '../proxy/secrets.ts';
import { exchangeOfEntry, parseHar } from './read.ts';

/** One file to judge: its name (for messages) and its text. */
export interface RecordingFile {
  name: string;
  text: string;
}

export interface ValidateOptions extends JudgeOptions {
  vendor: ContractVendor;
  files: RecordingFile[];
  /** Judge each file as the bare JSON body of a 200 of this operation instead of as a HAR. */
  operationId?: string;
  /** The request's query for a bare body (`limit=10&orderByField=duration`), when a rule needs it. */
  query?: string;
  clock?: () => number;
}

const unjudged = (note: string): Verdict => ({ checks: [], violations: [], warnings: [], notes: [note] });

/**
 * Judges every entry of every file. Exit code 2 (with `fatal`) when a file cannot be read or no
 * entry belongs to the vendor's contract.
 * @example const report = await validateRecordings({ vendor: 'enneo', files: [{ name: 'a.har', text }] });
 */
export async function validateRecordings(options: ValidateOptions): Promise<Report> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const judge = await createJudge(options.vendor, options);
  const keeper = createSecretKeeper();
  const judged: JudgedExchange[] = [];
  const problems: string[] = [];
  let id = 0;

  const add = async (exchange: Exchange | string, method: string, url: string, file: string) => {
    id += 1;
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    const redactor = keeper.learn(
      typeof exchange === 'string' ? {} : exchange.requestHeaders,
      parsed?.searchParams ?? new URLSearchParams(url.split('?')[1] ?? ''),
    );
    const verdict = typeof exchange === 'string' ? unjudged(`${file}: ${exchange}`) : await judge(exchange);
    judged.push({
      id,
      method,
      url: redactor.text(url),
      status: typeof exchange === 'string' ? null : exchange.status,
      verdict: {
        ...verdict,
        violations: verdict.violations.map((v) => ({ ...v, message: redactor.text(v.message) })),
        warnings: verdict.warnings.map((v) => ({ ...v, message: redactor.text(v.message) })),
        notes: verdict.notes.map((n) => redactor.text(n)),
      },
    });
  };

  for (const file of options.files) {
    if (options.operationId !== undefined) {
      const query = (options.query ?? '').replace(/^\?/, '');
      const url = `${options.operationId}${query ? `?${query}` : ''}`;
      await add(
        {
          vendor: options.vendor,
          operationId: options.operationId,
          method: 'GET',
          url: `/${query ? `?${query}` : ''}`,
          requestHeaders: {},
          status: 200,
          responseHeaders: { 'content-type': 'application/json' },
          body: Buffer.from(file.text, 'utf8'),
        },
        'GET',
        url,
        file.name,
      );
      continue;
    }
    const har = parseHar(file.text);
    if (!har.ok) {
      problems.push(`${file.name} is ${har.error} (to judge a bare JSON body, give --operation)`);
      continue;
    }
    for (const entry of har.entries) {
      const exchange = exchangeOfEntry(entry, options.vendor);
      const request = (entry as { request?: { method?: unknown; url?: unknown } }).request;
      const method = typeof request?.method === 'string' ? request.method : '?';
      const url = typeof request?.url === 'string' ? request.url : '?';
      await add(exchange, method, url, file.name);
    }
  }

  const judgedAny = judged.some((x) => x.verdict.endpoint);
  const fatal = problems.length
    ? problems.join('; ')
    : judgedAny
      ? undefined
      : `nothing could be checked: no entry of ${options.files.map((f) => f.name).join(', ')} is a request to a ${options.vendor} operation`;
  return exchangeReport({
    vendor: options.vendor,
    source: options.files.map((f) => f.name).join(', '),
    strict: Boolean(options.strict),
    startedAt: started,
    durationMs: clock() - started,
    exchanges: judged,
    ...(fatal ? { fatal } : {}),
  });
}
