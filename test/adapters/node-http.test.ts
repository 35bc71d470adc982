import { createServer, get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutcome } from '../../src/adapters/node-http.ts';
import { bytesResponse } from '../../src/core/responses.ts';
import { BytePool } from '../../src/http/byte-pool.ts';

// Far more than loopback's socket buffers hold, so that a client that does not read leaves most
// of the answer queued in the server.
const SIZE = 24 * 1024 * 1024;
const events: string[] = [];
const pool = new (class extends BytePool {
  override release(buffer: Buffer): void {
    events.push('released');
    super.release(buffer);
  }
})();
const server = createServer((req, res) => {
  const body = pool.acquire(SIZE);
  for (let i = 0; i < SIZE; i += 4096) body.fill(i / 4096, i, Math.min(SIZE, i + 4096));
  res.once('finish', () => events.push('finished'));
  const answer = bytesResponse(200, 'application/octet-stream', body);
  writeOutcome(req, res, { ...answer, release: () => pool.release(body) });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('writeOutcome with pooled bytes', () => {
  it('hands the memory back to the pool only once the whole answer is written, never while queued', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve) => get({ port, host: '127.0.0.1' }, resolve));
    res.pause();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual([]);

    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.resume();
    await new Promise((resolve) => res.on('end', resolve));
    const body = Buffer.concat(chunks);
    expect(body.length).toBe(SIZE);
    expect(res.headers['content-length']).toBe(String(SIZE));
    expect([body[0], body[4096], body[SIZE - 1]]).toEqual([0, 1, ((SIZE - 1) >> 12) & 0xff]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['finished', 'released']);
    expect(pool.idleBytes).toBe(32 * 1024 * 1024); // its power-of-two size class
  });
});
