/**
 * Answers for requests Node's HTTP parser refuses before any app sees them. Node's own answer is a
 * bare status line with no body; standin says what was wrong, in JSON, as every other 4xx does.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** What a request Node's parser refused is answered with, by Node's error code; 400 otherwise. */
const CLIENT_ERRORS: Record<string, { status: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: '431 Request Header Fields Too Large',
    code: 'HEADERS_TOO_LARGE',
    message: 'the request line and headers are larger than the server accepts (16 KB)',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: '408 Request Timeout',
    code: 'REQUEST_TIMEOUT',
    message: 'the request did not arrive completely in time',
  },
};

/**
 * Whether the refused request is a HEAD, whose answer must carry no body (a client would read one
 * as the start of the next answer): the last `HEAD ` the parser read whose head has not ended yet.
 * The parser keeps no method for a request it refused, so the bytes it read are all there is.
 */
function headRequestFailed(err: { rawPacket?: Buffer; bytesParsed?: number }): boolean {
  if (!err.rawPacket) return false;
  const seen = err.rawPacket.subarray(0, err.bytesParsed ?? err.rawPacket.length).toString('latin1');
  const at = seen.lastIndexOf('HEAD ');
  return at >= 0 && !seen.includes('\r\n\r\n', at);
}

/**
 * The server's `clientError` listener: answers a request the parser refused (bytes outside ASCII
 * in the URL, a bad header, headers past 16 KB, a request too slow to arrive) with a JSON body
 * naming the problem, then closes the connection, as Node itself would.
 */
export function answerClientError(
  err: NodeJS.ErrnoException & { reason?: string; rawPacket?: Buffer; bytesParsed?: number },
  socket: Socket,
): void {
  // Node's own condition: no answer on a dead socket, or in the middle of one already started.
  const started = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || started) {
    socket.destroy();
    return;
  }
  const known = err.code === undefined ? undefined : CLIENT_ERRORS[err.code];
  const reason = (err.reason ?? err.message ?? 'unreadable request').replace(/[^\x20-\x7e]/g, '');
  const answer = known ?? {
    status: '400 Bad Request',
    code: 'MALFORMED_REQUEST',
    message: `the request is not valid HTTP/1.1: ${reason}`,
  };
  socket.end(rawAnswer(answer.status, answer.code, answer.message, !headRequestFailed(err)));
}

/**
 * A complete JSON error answer, written straight to a socket that is then closed. Without a body
 * (for a HEAD) it says Content-Length 0, so that no client waits for the bytes.
 */
function rawAnswer(status: string, code: string, message: string, withBody = true): string {
  const body = withBody ? JSON.stringify({ code, message }) : '';
  return (
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`
  );
}

/** The server's `connect` listener: standin is no proxy, and says so instead of dropping the socket. */
export function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.end(
    rawAnswer(
      '405 Method Not Allowed',
      'METHOD_NOT_ALLOWED',
      'CONNECT is not allowed: standin is not a proxy',
    ),
  );
}

/**
 * Wraps the app so that an HTTP/1.1 request without a Host header gets the 400 RFC 9112 asks
 * for with a message; Node's own check (`requireHostHeader`) answers it with an empty body.
 */
export function requireHost(app: RequestListener): RequestListener {
  return (req, res) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      const body = JSON.stringify({
        code: 'MALFORMED_REQUEST',
        message: 'an HTTP/1.1 request needs a Host header',
      });
      res.writeHead(400, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        'X-Content-Type-Options': 'nosniff',
        Connection: 'close',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    app(req, res);
  };
}
