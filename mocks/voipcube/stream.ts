/** Where a streamed answer goes: an http.ServerResponse, or any Writable in tests. */
export interface ChunkSink {
  write(chunk: string): boolean;
  end(chunk?: string): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
  readonly destroyed: boolean;
}

/** About 64 KB per write: large enough to keep syscalls few, small enough to keep memory flat. */
export const DEFAULT_CHUNK_CHARS = 64 * 1024;

/** How a streamed answer ended. */
export type StreamOutcome = 'complete' | 'aborted';

function drainOrClose(sink: ChunkSink): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('close', done);
      resolve();
    };
    sink.once('drain', done);
    sink.once('close', done);
  });
}

/**
 * Writes `items` (each already JSON text) as one JSON array, in chunks of about `chunkChars`
 * characters. It never builds the whole answer: it waits for 'drain' whenever the sink's buffer
 * is full, and stops without ending the sink when the client goes away ('close').
 * A short answer is a single `end(text)`, so Node still sends it with a Content-Length.
 * @returns 'complete' once the array was ended, 'aborted' when the sink closed first.
 */
export async function writeJsonArray(
  sink: ChunkSink,
  items: Iterable<string>,
  chunkChars: number = DEFAULT_CHUNK_CHARS,
): Promise<StreamOutcome> {
  let closed = sink.destroyed;
  const onClose = () => {
    closed = true;
  };
  sink.once('close', onClose);
  try {
    let parts: string[] = ['['];
    let length = 1;
    let first = true;
    for (const item of items) {
      if (!first) {
        parts.push(',');
        length += 1;
      }
      first = false;
      parts.push(item);
      length += item.length;
      if (length < chunkChars) continue;
      if (closed) return 'aborted';
      const ready = sink.write(parts.join(''));
      parts = [];
      length = 0;
      if (!ready) await drainOrClose(sink);
      if (closed) return 'aborted';
    }
    if (closed) return 'aborted';
    parts.push(']');
    sink.end(parts.join(''));
    return 'complete';
  } finally {
    sink.off('close', onClose);
  }
}
