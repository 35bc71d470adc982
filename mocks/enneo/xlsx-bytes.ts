/**
 * An xlsx page as one Buffer, from the streaming writer: the core answers with bytes, and a page is
 * at most 1000 rows, so holding it whole is bounded. (xlsx.ts may offer bytes directly one day;
 * until then this collects what writeXlsx writes.)
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { writeXlsx } from './xlsx.ts';

export async function xlsxPageBytes(
  columns: readonly string[],
  rows: readonly Record<string, unknown>[],
  stamp: Date,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeXlsx(sink, columns, rows, stamp);
  // The writer ends the stream as its zip finishes; wait for that rather than assume it.
  await finished(sink);
  return Buffer.concat(chunks);
}
