import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { listen } from '../../src/cli/server.ts';
import { serverClassesFor } from '../../src/http/server-classes.ts';
import { smallWorld } from '../app/helpers.ts';

const listening = (server: Server) =>
  new Promise<string>((resolve) =>
    server.once('listening', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('serverClassesFor', () => {
  it("makes requests and responses that start with the app's prototypes and behave as Node's", async () => {
    const app = express();
    app.get('/x', (req, res) => {
      res.json({ path: req.path, query: req.query, host: req.get('host') });
    });
    const born: boolean[] = [];
    const server = createServer(serverClassesFor(app), app);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response);
    });
    server.listen(0, '127.0.0.1');
    const origin = await listening(server);
    const res = await request(origin).get('/x?a=1').set('Host', 'example.test').expect(200);
    expect(res.body).toEqual({ path: '/x', query: { a: '1' }, host: 'example.test' });
    await request(origin).head('/x').expect(200);
    await closed(server);
    expect(born).toEqual([true, true, true, true]);
  });

  it('leaves a listener that is not an Express app to Node', () => {
    expect(serverClassesFor({})).toEqual({});
    expect(serverClassesFor({ request: {}, response: {} })).toEqual({});
    expect(serverClassesFor(Object.assign(() => {}, { request: null }))).toEqual({});
  });
});

describe('createApp().listen', () => {
  it("serves with requests born with the app's prototypes, and tells its callback when listening", async () => {
    const app = createApp({ world: smallWorld() });
    const born: boolean[] = [];
    let calls = 0;
    const server = app.listen(0, '127.0.0.1', () => {
      calls += 1;
    });
    server.on('request', (req: IncomingMessage) => born.push(Object.getPrototypeOf(req) === app.request));
    const origin = await listening(server);
    await request(origin).get('/__standin/health').expect(200);
    await closed(server);
    expect([calls, born]).toEqual([1, [true]]);
  });

  it('hands a listen error to the callback, once', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await listening(taken);
    const { port } = taken.address() as AddressInfo;
    const errors: unknown[] = [];
    const server = createApp({ world: smallWorld() }).listen(port, '127.0.0.1', (err?: Error) => {
      errors.push(err);
    });
    await new Promise((resolve) => server.once('error', resolve));
    await closed(taken);
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
  });
});

describe("standin serve's server", () => {
  it("also makes requests born with the app's prototypes", async () => {
    const app = createApp({ world: smallWorld() });
    const server = await listen(app, '127.0.0.1', 0);
    const born: boolean[] = [];
    server.on('request', (req: IncomingMessage) => born.push(Object.getPrototypeOf(req) === app.request));
    const { port } = server.address() as AddressInfo;
    await request(`http://127.0.0.1:${port}`).get('/__standin/health').expect(200);
    await closed(server);
    expect(born).toEqual([true]);
  });
});
