/**
 * A contract's YAML text, parsed with positions kept, so a JSON pointer into the document can be
 * told as a line and column of the file (following local `$ref`s to where the text really is).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { ContractLoadError, type ContractLocation } from './load-error.ts';
import { escapePointerToken, pointerTokens } from './problems.ts';

const MAX_REF_HOPS = 32;

/** A parsed YAML file: its plain data and a way back from pointers to positions. */
export interface YamlSource {
  data: unknown;
  /**
   * The location of `pointer`: the line of the member's key (or the item), with `$ref`s followed.
   * When the pointer goes further than the text (a missing property), the deepest existing
   * ancestor's position is given, with the pointer as asked.
   */
  locate(pointer: string): ContractLocation;
}

/** Parses YAML, throwing a ContractLoadError with line and column for malformed text. */
export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const [first] = doc.errors;
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? { line: pos.line, column: pos.col } : {};
    // prettyErrors appends " at line L, column C:" and a context excerpt; the place is in `where`
    const reason = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ContractLoadError(file, `malformed YAML: ${reason}`, where);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  const position = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const locate = (pointer: string): ContractLocation => {
    let tokens = pointerTokens(pointer);
    let node: unknown = doc.contents;
    let at = position(0);
    let resolved: string[] = [];
    for (let hops = 0, i = 0; i < tokens.length; ) {
      const token = tokens[i] as string;
      const next = child(node, token);
      if (next) {
        node = next.node;
        if (next.offset !== undefined) at = position(next.offset);
        resolved.push(token);
        i++;
        continue;
      }
      const ref = localRef(node);
      if (ref === undefined || hops++ >= MAX_REF_HOPS) return { pointer, ...at };
      // continue from the $ref's target with the tokens not yet walked
      tokens = [...pointerTokens(ref), ...tokens.slice(i)];
      resolved = [];
      node = doc.contents;
      i = 0;
    }
    const path = resolved.map(escapePointerToken);
    return { pointer: path.length ? `/${path.join('/')}` : '', ...at };
  };

  return { data, locate };
}

function child(node: unknown, token: string): { node: unknown; offset: number | undefined } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(key) === token) {
        const keyNode = pair.key as Node | null;
        return { node: pair.value, offset: keyNode?.range?.[0] };
      }
    }
    return undefined;
  }
  if (isSeq(node) && /^(0|[1-9]\d*)$/.test(token)) {
    const item = node.items[Number(token)] as Node | undefined;
    return item === undefined ? undefined : { node: item, offset: item.range?.[0] };
  }
  return undefined;
}

/** The target of a local `$ref` (`#/components/...`) on a YAML map, as a JSON pointer. */
function localRef(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const ref = node.get('$ref');
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  return decodeURIComponent(ref.slice(1));
}
