/**
 * Reading a Node stream's body up to a bound, for the doors (control bodies) and the proxy
 * (requests and answers it judges): past the bound, reading stops and what was read is handed
 * back with the rest still in the stream.
 */
import type { Readable } from 'node:stream';

/** A body read whole, or, past `max` bytes, what was read so far (the rest still in the stream). */
export type BodyRead = { whole: Buffer } | { partial: Buffer[] };

export function readUpTo(stream: Readable, max: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > max) {
        stream.pause();
        stream.off('data', onData);
        resolve({ partial: chunks });
      }
    };
    stream.on('data', onData);
    stream.once('end', () => resolve({ whole: Buffer.concat(chunks) }));
    stream.on('error', reject);
  });
}
