import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ChunkSink, writeJsonArray } from '../../../mocks/voipcube/stream.ts';

/** A sink whose buffer is "full" after every write until the test emits 'drain'. */
class FullSink extends EventEmitter implements ChunkSink {
  writes: string[] = [];
  ended: string | undefined;
  destroyed = false;
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return false;
  }
  end(chunk?: string): void {
    this.ended = chunk ?? '';
  }
}

const item = (i: number) =>
  JSON.stringify({ status: 'Available', userId: 'u', time: String(i).padStart(8, '0') });
const tick = () => new Promise((resolve) => setImmediate(resolve));

function* counted(n: number, pulls: { count: number }): Iterable<string> {
  for (let i = 0; i < n; i++) {
    pulls.count++;
    yield item(i);
  }
}

describe('writeJsonArray', () => {
  it('writes a short answer as one end() call', async () => {
    const sink = new FullSink();
    expect(await writeJsonArray(sink, ['{"a":1}', '{"a":2}'])).toBe('complete');
    expect(sink.writes).toEqual([]);
    expect(sink.ended).toBe('[{"a":1},{"a":2}]');
  });

  it('writes an empty answer as []', async () => {
    const sink = new FullSink();
    await writeJsonArray(sink, []);
    expect(sink.ended).toBe('[]');
  });

  it('writes a large answer in bounded chunks that join into the whole array', async () => {
    const chunks: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString('utf8'));
        setImmediate(done);
      },
    });
    const items = Array.from({ length: 5000 }, (_, i) => item(i));
    expect(await writeJsonArray(sink, items, 4096)).toBe('complete');
    await new Promise((resolve) => sink.on('finish', resolve));
    const longest = Math.max(...items.map((s) => s.length));
    expect(chunks.length).toBeGreaterThan(50);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096 + longest);
    expect(JSON.parse(chunks.join(''))).toEqual(items.map((s) => JSON.parse(s)));
  });

  it('waits for drain before writing again', async () => {
    const sink = new FullSink();
    const pulls = { count: 0 };
    const done = writeJsonArray(sink, counted(300, pulls), 1000);
    await tick();
    expect(sink.writes.length).toBe(1);
    const pulledBeforeDrain = pulls.count;
    await tick();
    expect(sink.writes.length).toBe(1);
    expect(pulls.count).toBe(pulledBeforeDrain);
    sink.emit('drain');
    await tick();
    expect(sink.writes.length).toBe(2);
    while (sink.ended === undefined) {
      sink.emit('drain');
      await tick();
    }
    expect(await done).toBe('complete');
    expect(JSON.parse(sink.writes.join('') + sink.ended)).toHaveLength(300);
    expect(sink.listenerCount('close')).toBe(0);
    expect(sink.listenerCount('drain')).toBe(0);
  });

  it('stops without ending when the client goes away', async () => {
    const sink = new FullSink();
    const pulls = { count: 0 };
    const done = writeJsonArray(sink, counted(300, pulls), 1000);
    await tick();
    const pulled = pulls.count;
    sink.destroyed = true;
    sink.emit('close');
    expect(await done).toBe('aborted');
    expect(sink.writes.length).toBe(1);
    expect(sink.ended).toBeUndefined();
    expect(pulls.count).toBe(pulled);
    expect(sink.listenerCount('close')).toBe(0);
  });

  it('writes nothing to a sink that is already closed', async () => {
    const sink = new FullSink();
    sink.destroyed = true;
    expect(await writeJsonArray(sink, ['{}'])).toBe('aborted');
    expect(sink.ended).toBeUndefined();
  });
});
