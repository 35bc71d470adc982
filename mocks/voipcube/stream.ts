/** About 64 KB per chunk: large enough to keep writes few, small enough to keep memory flat. */
export const DEFAULT_CHUNK_CHARS = 64 * 1024;

/**
 * `items` (each already JSON text) as one JSON array, cut into chunks of about `chunkChars`
 * characters. Lazy: a chunk is built only when asked for, so a consumer that stops asking (a
 * client gone away) stops the work, and a large answer is never held whole.
 * @example [...jsonArrayChunks(['{"a":1}', '{"a":2}'])] // ['[{"a":1},{"a":2}]']
 */
export function* jsonArrayChunks(
  items: Iterable<string>,
  chunkChars: number = DEFAULT_CHUNK_CHARS,
): Generator<string, void, undefined> {
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
    yield parts.join('');
    parts = [];
    length = 0;
  }
  parts.push(']');
  yield parts.join('');
}
