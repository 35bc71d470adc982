/**
 * Bytes no HTTP client library would send, written on raw sockets: invalid UTF-8 and broken
 * percent-encoding, oversized request lines and headers, malformed framing, odd methods. Each is
 * answered with a status and a JSON message (never dropped, never a bare status line), and the
 * server keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV,
  enneoToken,
  errorMessage,
  type Running,
  rawBody,
  rawExchange,
  rawStatus,
  startServer,
} from './helpers.ts';

let running: Running;
let token: string;

beforeAll(async () => {
  running = await startServer();
  token = await enneoToken();
});
afterAll(() => running?.close());

const HOST = 'Host: 127.0.0.1\r\n';
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

/** [what is sent, the bytes, the status, what the message must say]. */
const REFUSED: [string, () => Buffer, number, RegExp][] = [
  [
    'invalid UTF-8 in the path',
    () => bytes('GET /enneo/api/mind/ticket/', [0xc3, 0x28], `/worklog HTTP/1.1\r\n${HOST}\r\n`),
    400,
    /not valid HTTP\/1\.1: Invalid char in url path/,
  ],
  [
    'invalid UTF-8 in the query',
    () =>
      bytes(
        'GET /voipcube/stats/user-statuses?from=',
        [0xff, 0xfe],
        `&to=2025-09-02 HTTP/1.1\r\n${HOST}\r\n`,
      ),
    400,
    /Invalid char in url query/,
  ],
  [
    'a 20 kB header',
    () => bytes(`GET /__standin/health HTTP/1.1\r\n${HOST}X-Padding: ${'a'.repeat(20_000)}\r\n\r\n`),
    431,
    /larger than the server accepts \(16 KB\)/,
  ],
  [
    'a 20 kB query string',
    () => bytes(`GET /voipcube/stats/user-statuses?from=${'1'.repeat(20_000)} HTTP/1.1\r\n${HOST}\r\n`),
    431,
    /larger than the server accepts/,
  ],
  ['a request line that is not HTTP', () => bytes('GARBAGE\r\n\r\n'), 400, /Invalid method/],
  ['an unknown method', () => bytes(`FROB /__standin/health HTTP/1.1\r\n${HOST}\r\n`), 400, /Invalid method/],
  [
    'CONNECT, as to a proxy',
    () => bytes(`CONNECT 127.0.0.1:443 HTTP/1.1\r\n${HOST}\r\n`),
    405,
    /CONNECT is not allowed: standin is not a proxy/,
  ],
  [
    'HTTP/1.1 without a Host header',
    () => bytes('GET /__standin/health HTTP/1.1\r\n\r\n'),
    400,
    /needs a Host header/,
  ],
  [
    'Transfer-Encoding with Content-Length (request smuggling)',
    () =>
      bytes(
        `POST /__standin/reset HTTP/1.1\r\n${HOST}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ),
    400,
    /Transfer-Encoding can't be present with Content-Length/,
  ],
  [
    'two different Content-Lengths',
    () =>
      bytes(`PUT /__standin/settings HTTP/1.1\r\n${HOST}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`),
    400,
    /Duplicate Content-Length/,
  ],
  [
    'a chunk size that is not hex',
    () =>
      bytes(
        `PUT /__standin/settings HTTP/1.1\r\n${HOST}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      ),
    400,
    /Invalid character in chunk size/,
  ],
  [
    'a NUL in a header value',
    () => bytes(`GET /__standin/health HTTP/1.1\r\n${HOST}X-A: a\u0000b\r\n\r\n`),
    400,
    /Invalid header value char/,
  ],
  [
    'a space in a header name',
    () => bytes(`GET /__standin/health HTTP/1.1\r\n${HOST}X A: b\r\n\r\n`),
    400,
    /Invalid header token/,
  ],
  [
    'a folded header line',
    () => bytes(`GET /__standin/health HTTP/1.1\r\n${HOST}X-A: a\r\n b\r\n\r\n`),
    400,
    /whitespace/,
  ],
  ['bare LF line ends', () => bytes('GET /__standin/health HTTP/1.1\nHost: x\n\n'), 400, /Expected CRLF/],
];

describe('requests Node refuses before the app sees them', () => {
  it.each(REFUSED)(
    '%s: answered with its status and a JSON message, then closed',
    async (_name, make, status, message) => {
      const raw = await rawExchange(running.port, make());
      expect(rawStatus(raw)).toBe(status);
      expect(raw).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/);
      expect(raw).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/);
      expect(raw).toMatch(/\r\nConnection: close\r\n/);
      expect(errorMessage(rawBody(raw))).toMatch(message);
    },
  );

  it('a refused HEAD gets the status and no body, so the client does not misread one', async () => {
    const raw = await rawExchange(
      running.port,
      bytes('HEAD /__standin/health?', [0xff], ` HTTP/1.1\r\n${HOST}\r\n`),
    );
    expect(rawStatus(raw)).toBe(400);
    expect(raw).toMatch(/\r\nContent-Length: 0\r\n/);
    expect(rawBody(raw)).toBe('');
  });
});

describe('broken percent-encoding reaches the handlers and is named there', () => {
  it('a ticket id that does not decode is a 400 naming ticketId', async () => {
    const raw = await rawExchange(
      running.port,
      `GET /enneo/api/mind/ticket/%E0%A4%A/worklog HTTP/1.1\r\n${HOST}Authorization: Bearer ${token}\r\n\r\n`,
    );
    expect(rawStatus(raw)).toBe(400);
    expect(JSON.parse(rawBody(raw))).toEqual({
      success: false,
      error: 'ticketId is not valid percent-encoding',
      code: 'INVALID_PARAMETER',
      parameter: 'ticketId',
    });
  });

  it('a query value that does not decode is a 400 naming the parameter', async () => {
    const raw = await rawExchange(
      running.port,
      `GET /voipcube/stats/user-statuses?from=%E0%A4%A&to=2025-09-02 HTTP/1.1\r\n${HOST}Key: ${DEV.voipcube.key}\r\n\r\n`,
    );
    expect(rawStatus(raw)).toBe(400);
    expect(errorMessage(rawBody(raw))).toMatch(/^from ".*" is not a valid date/);
  });

  it('a control path that does not decode is a 400 with a message', async () => {
    const raw = await rawExchange(running.port, `DELETE /__standin/faults/%E0%A4%A HTTP/1.1\r\n${HOST}\r\n`);
    expect(rawStatus(raw)).toBe(400);
    expect(errorMessage(rawBody(raw))).toMatch(/%E0%A4%A/);
  });

  it('invalid UTF-8 in a credential header is a wrong credential, not a crash', async () => {
    const raw = await rawExchange(
      running.port,
      bytes(
        `GET /voipcube/stats/user-statuses?from=2025-09-01&to=2025-09-02 HTTP/1.1\r\n${HOST}Key: `,
        [0xff, 0xfe],
        '\r\n\r\n',
      ),
    );
    expect(rawStatus(raw)).toBe(401);
    expect(errorMessage(rawBody(raw))).toBe('the API key in the Key header is not valid');
  });
});

describe('odd but valid framing is served', () => {
  it('an Expect other than 100-continue is ignored, as most servers do, instead of a bare 417', async () => {
    const raw = await rawExchange(
      running.port,
      `GET /__standin/health HTTP/1.1\r\n${HOST}Expect: something-else\r\n\r\n`,
    );
    expect(rawStatus(raw)).toBe(200);
    expect(rawBody(raw)).toBe('{"status":"ok"}');
  });

  it('two pipelined requests are answered in order on one connection', async () => {
    const raw = await rawExchange(
      running.port,
      `GET /__standin/health HTTP/1.1\r\n${HOST}\r\nGET /__standin/faults HTTP/1.1\r\n${HOST}\r\n`,
      2,
    );
    const bodies = raw
      .split(/HTTP\/1\.1 /)
      .slice(1)
      .map((part) => [part.slice(0, 3), rawBody(`HTTP/1.1 ${part}`)]);
    expect(bodies).toEqual([
      ['200', '{"status":"ok"}'],
      ['200', '{"rules":[]}'],
    ]);
  });

  it('HTTP/1.0 without a Host header is served and closed', async () => {
    const raw = await rawExchange(running.port, 'GET /__standin/health HTTP/1.0\r\n\r\n');
    expect(rawStatus(raw)).toBe(200);
    expect(raw).toMatch(/\r\nConnection: close\r\n/);
  });

  it('an Upgrade request is served as a plain request', async () => {
    const raw = await rawExchange(
      running.port,
      `GET /__standin/health HTTP/1.1\r\n${HOST}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
    );
    expect(rawStatus(raw)).toBe(200);
  });
});

describe('after the raw requests', () => {
  it('the server still answers, and no error was internal', async () => {
    const raw = await rawExchange(running.port, `GET /__standin/health HTTP/1.1\r\n${HOST}\r\n`);
    expect(rawStatus(raw)).toBe(200);
    expect(running.internalErrors).toEqual([]);
  });
});
