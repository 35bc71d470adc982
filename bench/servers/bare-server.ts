/**
 * The reference point: a bare node:http server that answers every request with the same bytes
 * from a ready Buffer — no routing, no parsing, no auth, no serialisation. Started by the bench
 * as a child; it gets the body over IPC and reports its port.
 *
 * IPC out: `{ type: 'waiting' }` once it listens for the body; IPC in: `{ type: 'body', base64,
 * contentType }`; IPC out: `{ type: 'ready', port }`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface BodyMessage {
  type: 'body';
  base64: string;
  contentType: string;
}

process.once('message', (message: BodyMessage) => {
  const body = Buffer.from(message.base64, 'base64');
  const headers = { 'Content-Type': message.contentType, 'Content-Length': String(body.length) };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
  });
});
process.send?.({ type: 'waiting' });
