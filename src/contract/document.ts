/**
 * Reading one contract file: YAML → data → checked as OpenAPI 3.0 by @readme/openapi-parser →
 * `$ref`s dereferenced. Every failure becomes a ContractLoadError naming the file and the place.
 */
import { readFile } from 'node:fs/promises';
import { dereference, validate } from '@readme/openapi-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { ContractLoadError, type ContractLocation, formatLocation } from './load-error.ts';
import { escapePointerToken } from './problems.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

/** A contract document ready to use, with the way back to its text. */
export interface ContractSource {
  document: OpenAPIV3.Document;
  source: YamlSource;
}

const MAX_REPORTED = 5;

/** Reads, parses, validates and dereferences one contract file (an absolute path). */
export async function readContractDocument(file: string): Promise<ContractSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ContractLoadError(file, `cannot read the file: ${(err as Error).message}`, {}, { cause: err });
  }
  const source = parseYamlSource(file, text);
  checkOpenApi30(file, source);

  let document: OpenAPIV3.Document;
  try {
    // circular 'ignore' leaves recursive $refs in place (schema compilation rejects them with a
    // place) and gives the same tree the validator prints, which the line map below relies on
    document = (await dereference(structuredClone(source.data) as OpenAPIV3.Document, {
      dereference: { circular: 'ignore' },
      resolve: { external: false },
    })) as OpenAPIV3.Document;
  } catch (err) {
    throw refError(file, source, err);
  }

  const result = await validate(structuredClone(source.data) as OpenAPIV3.Document, {
    resolve: { external: false },
  });
  if (!result.valid) {
    const lines = jsonLinePointers(document);
    const located = result.errors.map((e) => describeParserError(e.message, lines, source));
    const [first, ...rest] = located;
    if (!first) throw new ContractLoadError(file, 'invalid OpenAPI 3.0 document');
    let reason = `invalid OpenAPI 3.0 document: ${first.reason}`;
    for (const more of rest.slice(0, MAX_REPORTED - 1)) {
      reason += `\n  also ${formatLocation(file, more.where)}: ${more.reason}`;
    }
    if (rest.length >= MAX_REPORTED) reason += `\n  and ${rest.length - MAX_REPORTED + 1} more`;
    throw new ContractLoadError(file, reason, first.where);
  }
  return { document, source };
}

function checkOpenApi30(file: string, source: YamlSource): void {
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ContractLoadError(file, 'not an OpenAPI document: the top level is not a mapping', {
      pointer: '',
      line: 1,
      column: 1,
    });
  }
  const version = (data as Record<string, unknown>).openapi;
  if (version === undefined) {
    const swagger = 'swagger' in data ? ' (Swagger 2.0 is not supported)' : '';
    throw new ContractLoadError(file, `not an OpenAPI 3.0 document: no "openapi" field${swagger}`, {
      pointer: '',
      line: 1,
      column: 1,
    });
  }
  if (typeof version !== 'string' || !/^3\.0\.\d+$/.test(version)) {
    throw new ContractLoadError(
      file,
      `not an OpenAPI 3.0 document: "openapi" is ${JSON.stringify(version)}, expected 3.0.x`,
      source.locate('/openapi'),
    );
  }
}

/** A $ref that does not resolve: point at the first place that uses it. */
function refError(file: string, source: YamlSource, err: unknown): ContractLoadError {
  const message = (err as Error).message ?? String(err);
  const ref = /\$ref pointer "([^"]+)"/.exec(message)?.[1];
  const user = ref === undefined ? undefined : findRef(source.data, ref, '');
  const where: ContractLocation = user === undefined ? {} : source.locate(user);
  const what = ref === undefined ? 'cannot resolve the document' : 'unresolvable $ref';
  return new ContractLoadError(file, `${what}: ${message}`, where, { cause: err });
}

function findRef(node: unknown, ref: string, pointer: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.$ref === ref) return `${pointer}/$ref`;
  for (const [key, value] of Object.entries(record)) {
    const found = findRef(value, ref, `${pointer}/${escapePointerToken(key)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The parser reports schema errors as code frames over `JSON.stringify(document, null, 2)` of
 * the dereferenced document. This maps each line of that text to the JSON pointer of the value
 * starting (or ending) on it, so the frame's marked line gives back a pointer.
 */
export function jsonLinePointers(value: unknown): string[] {
  const lines: string[] = [''];
  const walk = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== 'object') return;
    const entries = Array.isArray(node)
      ? node.map((v, i) => [String(i), v] as const)
      : Object.entries(node).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) return;
    for (const [key, child] of entries) {
      const at = `${pointer}/${escapePointerToken(key)}`;
      lines.push(at);
      walk(child, at);
    }
    lines.push(pointer);
  };
  walk(value, '');
  return lines;
}

const FRAME_LINE = /^\s*>?\s*\d+\s*\|/;
const MARKED_LINE = /^>\s*(\d+)\s*\|/;

/** Splits one parser error into a reason and (when its code frame allows) a place. */
function describeParserError(
  message: string,
  lines: string[],
  source: YamlSource,
): { reason: string; where: ContractLocation } {
  const all = message.split('\n');
  const frameStart = all.findIndex((l) => FRAME_LINE.test(l));
  const summary = (frameStart < 0 ? all : all.slice(0, frameStart))
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    // the parser prefixes its ajv keyword in capitals ("REQUIRED must have ..."); drop it
    .replace(/^[A-Z]+(?: [A-Z]+)* (?=[a-z])/, '');
  const markedIndex = all.findIndex((l) => MARKED_LINE.test(l));
  const hint =
    markedIndex >= 0 ? /\|\s*\^+\s*(.*)$/.exec(all[markedIndex + 1] ?? '')?.[1]?.trim() : undefined;
  const reason = hint ? `${summary} (${hint})` : summary;
  const lineNumber = markedIndex >= 0 ? Number(MARKED_LINE.exec(all[markedIndex] as string)?.[1]) : NaN;
  const pointer = lines[lineNumber - 1];
  return { reason, where: pointer === undefined ? {} : source.locate(pointer) };
}
