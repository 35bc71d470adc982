/**
 * Keeps the HAR of a proxy session on disk: entries in memory, the file rewritten (to a temporary
 * name, then renamed, so it is always whole) shortly after each exchange and once more on close.
 */
import { rename, writeFile } from 'node:fs/promises';
import type { HarEntry } from '../har/types.ts';
import { harLog } from '../har/write.ts';

/** How long after an exchange the file is rewritten: a burst of requests costs one write. */
const WRITE_DELAY_MS = 200;

export interface HarRecorder {
  add(entry: HarEntry): void;
  /** Writes the file now; resolves when it is on disk. */
  flush(): Promise<void>;
  readonly count: number;
}

export function createHarRecorder(file: string, version: string, onError: (err: Error) => void): HarRecorder {
  const entries: HarEntry[] = [];
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    const text = `${JSON.stringify(harLog(entries, version), null, 2)}\n`;
    const temporary = `${file}.${process.pid}.tmp`;
    writing = writing
      .then(() => writeFile(temporary, text))
      .then(() => rename(temporary, file))
      .catch((err: Error) => onError(err));
    return writing;
  };
  return {
    add(entry) {
      entries.push(entry);
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void write();
      }, WRITE_DELAY_MS);
      timer.unref();
    },
    flush() {
      clearTimeout(timer);
      timer = undefined;
      return write();
    },
    get count() {
      return entries.length;
    },
  };
}
