/**
 * The reference servers: answer GET /page and GET /small with the bytes of two files, read once at
 * start — no routing beyond the path, no parsing, no auth, no serialisation. `node` is bare
 * node:http (Node's floor); `express` is a default Express 5 app sending the same bytes with
 * `res.end`, the framework standin is built on.
 *
 * argv: <node|express> <folder with page.json, small.json and types.json> <port>
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import express from 'express';

const [mode, dir, portText] = process.argv.slice(2);
const types = JSON.parse(readFileSync(join(dir!, 'types.json'), 'utf8')) as Record<'page' | 'small', string>;
const answer = (name: 'page' | 'small') => {
  const body = readFileSync(join(dir!, `${name}.json`));
  return { body, headers: { 'Content-Type': types[name], 'Content-Length': String(body.length) } };
};
const page = answer('page');
const small = answer('small');

function send(res: http.ServerResponse, what: { body: Buffer; headers: Record<string, string> }): void {
  res.writeHead(200, what.headers);
  res.end(what.body);
}

if (mode === 'express') {
  const app = express();
  app.get('/page', (_req, res) => send(res, page));
  app.get('/small', (_req, res) => send(res, small));
  app.listen(Number(portText), '127.0.0.1');
} else {
  http
    .createServer((req, res) => {
      if (req.url === '/page') send(res, page);
      else if (req.url === '/small') send(res, small);
      else {
        res.writeHead(404);
        res.end();
      }
    })
    .listen(Number(portText), '127.0.0.1');
}
