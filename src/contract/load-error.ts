/** The error every failure to load a contract becomes: it names the file and the place. */

/** Where in a contract file something is wrong. */
export interface ContractLocation {
  /** JSON pointer into the document (after `$ref`s are followed to where the text is). */
  pointer?: string;
  /** 1-based line and column in the YAML file, when known. */
  line?: number;
  column?: number;
}

/**
 * A contract that cannot be used: unreadable, malformed YAML, not OpenAPI 3.0, invalid OpenAPI,
 * or a schema ajv cannot compile. The message reads `file:line:column: at /pointer: reason`
 * (the parts that are known), like a compiler's, so editors and terminals can jump to it.
 */
export class ContractLoadError extends Error {
  override readonly name = 'ContractLoadError';
  readonly file: string;
  readonly pointer?: string;
  readonly line?: number;
  readonly column?: number;
  /** The reason without the location prefix. */
  readonly reason: string;

  constructor(file: string, reason: string, where: ContractLocation = {}, options?: { cause?: unknown }) {
    super(`${formatLocation(file, where)}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
    if (where.pointer !== undefined) this.pointer = where.pointer;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** `file:line:column: at /pointer` with the parts that are known. */
export function formatLocation(file: string, where: ContractLocation): string {
  let text = file;
  if (where.line !== undefined)
    text += `:${where.line}${where.column !== undefined ? `:${where.column}` : ''}`;
  if (where.pointer !== undefined) text += `: at ${where.pointer || '/'}`;
  return text;
}
