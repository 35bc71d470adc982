/**
 * Judged exchanges as a contract-suite Report, so that proxy and validate print with verify's
 * reporters (console, junit, json) and end with its exit codes (0 clean, 1 a violation, 2 could
 * not run).
 */

import { writeFile } from 'node:fs/promises';
import type { ContractVendor } from '../loader.ts';
import { formatConsole } from '../suite/reporters/console.ts';
import { formatJson } from '../suite/reporters/json.ts';
import { formatJunit } from '../suite/reporters/junit.ts';
import type { Finding, Outcome, Report } from '../suite/types.ts';
import type { Verdict } from './types.ts';

/** One exchange as reports list it: what was asked (credentials redacted) and the verdict. */
export interface JudgedExchange {
  /** 1, 2, 3… in the order the exchanges completed (or the entries of a file). */
  id: number;
  method: string;
  /** The request's path and query (or URL), credentials redacted. */
  url: string;
  status: number | null;
  verdict: Verdict;
}

export interface ExchangeReportInput {
  vendor: ContractVendor;
  /** What was judged: the proxy's target, or the files. */
  source: string;
  strict: boolean;
  startedAt: number;
  durationMs: number;
  exchanges: readonly JudgedExchange[];
  /** Why nothing could be judged, when so (exit 2). */
  fatal?: string;
}

/**
 * One finding per violation (fail) and warning (warn), a pass per check that held, a skip per
 * exchange that could not be judged.
 */
export function exchangeFindings(exchanges: readonly JudgedExchange[]): Finding[] {
  const findings: Finding[] = [];
  for (const x of exchanges) {
    const title = `#${x.id} ${x.method} ${x.url} → ${x.status ?? 'no answer'}`;
    const { verdict } = x;
    if (!verdict.endpoint) {
      findings.push({
        check: 'status',
        endpoint: `${x.method} (no operation)`,
        outcome: 'skip',
        title,
        message: verdict.notes.join('; ') || 'not judged',
      });
      continue;
    }
    const endpoint = verdict.endpoint;
    for (const check of verdict.checks) {
      const broken = [
        ...verdict.violations.filter((v) => v.check === check).map((v) => ['fail', v] as const),
        ...verdict.warnings.filter((v) => v.check === check).map((v) => ['warn', v] as const),
      ];
      if (broken.length === 0) findings.push({ check, endpoint, outcome: 'pass', title });
      for (const [outcome, v] of broken) {
        const finding: Finding = {
          check,
          endpoint,
          outcome,
          title: `${title}: ${v.rule}`,
          message: v.message,
          request: `${x.method} ${x.url}`,
        };
        if (v.pointer !== undefined)
          finding.details = [`at ${v.pointer || '/'} (JSON pointer into the body)`];
        if (v.assumed) finding.assumed = true;
        findings.push(finding);
      }
    }
    for (const note of verdict.notes) {
      findings.push({ check: 'schema', endpoint, outcome: 'skip', title, message: note });
    }
  }
  return findings;
}

/** The Report of a proxy session or a validate run. */
export function exchangeReport(input: ExchangeReportInput): Report {
  const findings = exchangeFindings(input.exchanges);
  const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const f of findings) totals[f.outcome]++;
  const report: Report = {
    vendor: input.vendor,
    baseUrl: input.source,
    strict: input.strict,
    seed: 0,
    startedAt: new Date(input.startedAt).toISOString(),
    durationMs: input.durationMs,
    requests: input.exchanges.length,
    findings,
    totals,
    exitCode: input.fatal ? 2 : totals.fail > 0 ? 1 : 0,
  };
  if (input.fatal) report.fatal = input.fatal;
  return report;
}

export type ReporterName = 'console' | 'junit' | 'json';

/** The report in verify's formats, titled with the command that made it (`standin proxy`). */
export function formatExchangeReport(report: Report, reporter: ReporterName, command: string): string {
  switch (reporter) {
    case 'console':
      // verify's last line counts requests and names the seed; here they are exchanges, and no seed.
      return formatConsole(report)
        .replace(/^standin verify/, command)
        .replace(/ — (\d+) requests in (\d+) ms \(seed \d+\)\n$/, ' — $1 exchange(s) in $2 ms\n');
    case 'junit':
      return formatJunit(report).replace(
        '<testsuites name="standin verify ',
        `<testsuites name="${command} `,
      );
    case 'json':
      return formatJson(report);
  }
}

/** Where a command's report goes: stdout lines and stderr lines (the CLI's logger). */
export interface ReportSink {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Prints the report (or writes it to `output`, with a one-line summary on stderr) and says on
 * stderr why it could not judge, when so: what `standin proxy` and `standin validate` end with.
 */
export async function deliverReport(
  report: Report,
  opts: { reporter: ReporterName; output?: string | undefined; command: string },
  sink: ReportSink,
): Promise<void> {
  const text = formatExchangeReport(report, opts.reporter, opts.command);
  if (opts.output) {
    await writeFile(opts.output, text);
    sink.err(
      `${report.requests} exchange(s): ${report.totals.fail} failed, ${report.totals.warn} warned — report written to ${opts.output}`,
    );
  } else {
    sink.out(text.replace(/\n$/, ''));
  }
  if (report.fatal) sink.err(`${opts.command}: ${report.fatal}`);
}
