/**
 * `startProxy(options)`: a validating, recording HTTP proxy in front of one vendor's server. Every
 * request goes on to the target unchanged; every answer comes back unchanged plus
 * `Standin-Violations: <count>`, after it was judged against the contract. Answers are held
 * whole for judging (the header must precede the body) up to `maxBodyBytes`; a larger answer is
 * passed on unjudged, with `Standin-Unjudged` saying why instead of a count.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createJudge, type Judge } from '../contract/exchange/judge.ts';
import { decodedBody } from '../contract/exchange/reading.ts';
import { exchangeReport, type JudgedExchange } from '../contract/exchange/report.ts';
import type { Verdict } from '../contract/exchange/types.ts';
import type { Report } from '../contract/suite/types.ts';
import { harEntry } from '../har/write.ts';
import { readUpTo } from '../http/read-body.ts';
import { endToEnd, forward, upstreamUrl } from './forward.ts';
import { journalEntry, judgedOf, type ProxyJournalEntry } from './journal.ts';
import { type ProxyOptions, resolveOptions } from './options.ts';
import { createHarRecorder, type HarRecorder } from './recorder.ts';
import { createSecretKeeper } from './secrets.ts';

export type { ProxyJournalEntry } from './journal.ts';
export type { ProxyOptions } from './options.ts';

/** A running proxy. */
export interface RunningProxy {
  /** `http://host:port`: the base URL clients use instead of the vendor's. */
  url: string;
  port: number;
  /** The exchanges so far, as `GET /__standin/requests` lists them. */
  requests(): ProxyJournalEntry[];
  /** Stops accepting, lets in-flight exchanges finish, writes the HAR, and returns the report. */
  close(): Promise<Report>;
}

const CONTROLS = '/__standin/';

/**
 * Starts the proxy on `host:port` (port 0 picks a free one).
 * @throws the listen error (EADDRINUSE…) when the port cannot be had.
 * @example
 *   const proxy = await startProxy({ vendor: 'voipcube', target: 'http://127.0.0.1:4010/voipcube', port: 0 });
 *   // point the client at proxy.url; each answer carries Standin-Violations
 *   const report = await proxy.close(); // report.exitCode: 0 clean, 1 a violation seen
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const o = resolveOptions(options);
  const judge: Judge = await createJudge(o.vendor, { strict: o.strict, expectPrivacy: o.expectPrivacy });
  const keeper = createSecretKeeper();
  const recorder: HarRecorder | undefined = o.record
    ? createHarRecorder(o.record, o.version, (err) => o.onWarning(`cannot write ${o.record}: ${err.message}`))
    : undefined;
  const started = o.clock();
  const journal: ProxyJournalEntry[] = [];
  const judged: JudgedExchange[] = [];
  let nextId = 1;
  let unreachable = 0;
  const inFlight = new Set<Promise<void>>();

  const remember = (entry: ProxyJournalEntry, verdict: Verdict) => {
    journal.push(entry);
    if (journal.length > o.journalLimit) journal.shift();
    if (judged.length < o.reportLimit) judged.push(judgedOf(entry, verdict, keeper.redactor()));
    o.onExchange(entry);
  };

  async function exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = o.clock();
    const t0 = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const redactor = keeper.learn(req.headers, new URLSearchParams(q < 0 ? '' : url.slice(q + 1)));
    const id = nextId++;
    const note = (why: string): Verdict => ({ checks: [], violations: [], warnings: [], notes: [why] });
    const record = (status: number | null, verdict: Verdict) =>
      remember(
        journalEntry({
          id,
          time,
          vendor: o.vendor,
          method: req.method ?? 'GET',
          url,
          headers: req.headers,
          status,
          durationMs: Math.round((performance.now() - t0) * 100) / 100,
          verdict,
          redactor,
        }),
        verdict,
      );
    const refuse = (status: number, why: string) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'standin-unjudged': why });
      res.end(JSON.stringify({ message: `standin proxy: ${why}` }));
      record(null, note(why));
    };

    const requestRead = await readUpTo(req, o.maxRequestBytes);
    if (!('whole' in requestRead))
      return refuse(413, `the request body is larger than ${o.maxRequestBytes} bytes`);
    const target = upstreamUrl(o.target, url);
    let answer: IncomingMessage;
    try {
      answer = await forward({
        method: req.method ?? 'GET',
        url: target,
        rawHeaders: req.rawHeaders,
        body: requestRead.whole,
        timeoutMs: o.timeoutMs,
      });
    } catch (err) {
      unreachable++;
      return refuse(502, `the target did not answer: ${redactor.text((err as Error).message)}`);
    }
    const waitMs = performance.now() - t0;
    const status = answer.statusCode ?? 502;
    const head = endToEnd(answer.rawHeaders);
    const answerRead = await readUpTo(answer, o.maxBodyBytes);
    if (!('whole' in answerRead)) {
      // Too large to hold: the client still gets every byte, unjudged.
      const why = `the answer is larger than ${o.maxBodyBytes} bytes, so it was passed on unjudged`;
      res.writeHead(status, answer.statusMessage, [...head, 'Standin-Unjudged', why]);
      for (const chunk of answerRead.partial) res.write(chunk);
      answer.pipe(res);
      answer.resume();
      record(status, note(why));
      return;
    }
    const body = answerRead.whole;
    let content = body;
    let verdict: Verdict;
    try {
      content = decodedBody(body, answer.headers);
      verdict = await judge({
        vendor: o.vendor,
        method: req.method ?? 'GET',
        url,
        requestHeaders: req.headers,
        status,
        responseHeaders: { ...answer.headers, 'content-encoding': undefined },
        body: content,
      });
    } catch (err) {
      verdict = note(`the answer could not be judged: ${(err as Error).message}`);
    }
    res.writeHead(status, answer.statusMessage, [
      ...head,
      'Standin-Violations',
      String(verdict.violations.length),
    ]);
    res.end(body);
    record(status, verdict);
    recorder?.add(
      harEntry(
        {
          startedAt: time,
          timeMs: Math.round((performance.now() - t0) * 100) / 100,
          waitMs: Math.round(waitMs * 100) / 100,
          method: req.method ?? 'GET',
          url: target.href,
          // The request as the target got it: its own Host.
          requestHeaders: { ...req.headers, host: target.host },
          requestBody: requestRead.whole,
          status,
          ...(answer.statusMessage ? { statusText: answer.statusMessage } : {}),
          responseHeaders: answer.headers,
          rawBody: body,
          content,
        },
        redactor,
      ),
    );
  }

  function controls(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(`${JSON.stringify(value)}\n`);
    };
    if (path === `${CONTROLS}requests` && req.method === 'GET') send(200, { requests: journal });
    else if (path === `${CONTROLS}health` && req.method === 'GET') send(200, { status: 'ok' });
    else
      send(404, {
        message: `standin proxy: no control ${req.method} ${path}; there are GET ${CONTROLS}requests and GET ${CONTROLS}health`,
      });
  }

  const server = createServer((req, res) => {
    if ((req.url ?? '').startsWith(CONTROLS)) return controls(req, res);
    const done = exchange(req, res)
      .catch((err: Error) => {
        o.onWarning(`exchange failed: ${keeper.redactor().text(err.message)}`);
        if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      })
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host.includes(':') ? `[${o.host}]` : o.host;

  let closing: Promise<Report> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    requests: () => [...journal],
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await stopped;
        if (recorder) await recorder.flush();
        const judgedAny = judged.some((x) => x.verdict.endpoint);
        return exchangeReport({
          vendor: o.vendor,
          source: o.target.href,
          strict: o.strict,
          startedAt: started,
          durationMs: o.clock() - started,
          exchanges: judged,
          ...(unreachable > 0 && !judgedAny
            ? { fatal: `the target ${o.target.origin} did not answer any of ${unreachable} request(s)` }
            : {}),
        });
      })();
      return closing;
    },
  };
}
