import { describe, expect, it } from 'vitest';
import { jsonArrayChunks } from '../../../mocks/voipcube/stream.ts';

const item = (i: number) =>
  JSON.stringify({ status: 'Available', userId: 'u', time: String(i).padStart(8, '0') });

function* counted(n: number, pulls: { count: number }): Iterable<string> {
  for (let i = 0; i < n; i++) {
    pulls.count++;
    yield item(i);
  }
}

describe('jsonArrayChunks', () => {
  it('gives a short answer as one chunk', () => {
    expect([...jsonArrayChunks(['{"a":1}', '{"a":2}'])]).toEqual(['[{"a":1},{"a":2}]']);
  });

  it('gives an empty answer as []', () => {
    expect([...jsonArrayChunks([])]).toEqual(['[]']);
  });

  it('cuts a large answer into bounded chunks that join into the whole array', () => {
    const items = Array.from({ length: 5000 }, (_, i) => item(i));
    const chunks = [...jsonArrayChunks(items, 4096)];
    const longest = Math.max(...items.map((s) => s.length));
    expect(chunks.length).toBeGreaterThan(50);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4096 + longest);
    expect(JSON.parse(chunks.join(''))).toEqual(items.map((s) => JSON.parse(s)));
  });

  it('reads items only as chunks are asked for, and stops when the consumer stops', () => {
    const pulls = { count: 0 };
    const chunks = jsonArrayChunks(counted(300, pulls), 1000);
    expect(pulls.count).toBe(0);
    chunks.next();
    const afterOne = pulls.count;
    expect(afterOne).toBeGreaterThan(0);
    expect(afterOne).toBeLessThan(300);
    chunks.return();
    expect([...chunks]).toEqual([]);
    expect(pulls.count).toBe(afterOne);
  });
});
