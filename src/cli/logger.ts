/** The CLI's one way to write: output (stdout) and messages (stderr), one line at a time. */

/** Where the CLI writes; the process's streams in `main.ts`, buffers in tests. */
export interface Logger {
  /** A line of output on stdout: results, the banner. */
  out(line: string): void;
  /** A line on stderr: errors, and progress that is not output. */
  err(line: string): void;
}

interface Writable {
  write(chunk: string): unknown;
}

/** A logger writing to the given streams. */
export function createLogger(stdout: Writable, stderr: Writable): Logger {
  return {
    out: (line) => {
      stdout.write(`${line}\n`);
    },
    err: (line) => {
      stderr.write(`${line}\n`);
    },
  };
}
