/**
 * Validation diagnostics a person can read: where (JSON pointer), which rule, what was expected,
 * what was found. Every ajv error becomes a Problem in exactly one place, `convertAjvErrors`.
 */
import type { ErrorObject } from 'ajv';

/** One way a value breaks its schema. */
export interface Problem {
  /** JSON pointer into the validated value, e.g. `/0/duration`; `''` is the value itself. */
  pointer: string;
  /** The ajv keyword that failed (`type`, `required`, `format`, `enum`, `maximum` ...), or `status` / `mediaType`. */
  rule: string;
  /** What the contract wants, e.g. `integer`, `one of asc, desc`, `format date-time`. */
  expected: string;
  /** The value found, JSON-stringified and cut to about 80 characters, or `missing`. */
  actual: string;
  /** `pointer: expected …, found …` in one line. */
  message: string;
}

const MAX_ACTUAL = 80;
const MAX_EXPECTED = 200;

/** Escapes one JSON-pointer reference token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer into its unescaped reference tokens; `''` gives `[]`. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer, or undefined when the path does not exist. */
export function valueAt(data: unknown, pointer: string): unknown {
  let current: unknown = data;
  for (const token of pointerTokens(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, token)) return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

/**
 * A copy of `value` whose JSON is the value's for more than `max` characters (or all of it), yet
 * small: strings, arrays and objects are cut once the JSON written before them has passed `max`.
 * Why: the found value may be a whole 10 MB body (a type error at the root), and stringifying
 * all of it to show 80 characters cost a tenth of a second per Problem. Throws on a cycle, as
 * JSON.stringify does.
 */
function shrinkForJson(value: unknown, max: number): unknown {
  // A lower bound on the characters of JSON written so far: past `max`, nothing more is shown.
  let written = 0;
  const onPath = new Set<object>();
  const shrink = (v: unknown): unknown => {
    if (written > max) return null;
    if (typeof v === 'string') {
      const kept = v.length > max ? v.slice(0, max + 1) : v;
      written += kept.length + 2;
      return kept;
    }
    written += 1;
    if (v === null || typeof v !== 'object') return v;
    const proto = Object.getPrototypeOf(v);
    const record = v as Record<string, unknown>;
    // Anything with its own JSON form (a Date's toJSON) is left to JSON.stringify.
    if (
      (proto !== Object.prototype && proto !== null && !Array.isArray(v)) ||
      typeof record.toJSON === 'function'
    )
      return v;
    if (onPath.has(v)) throw new TypeError('cyclic value');
    onPath.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      const items: unknown[] = [];
      for (let i = 0; i < v.length && written <= max; i++) {
        written += i > 0 ? 1 : 0;
        items.push(shrink(v[i]));
      }
      out = items;
    } else {
      const members: Record<string, unknown> = {};
      let kept = 0;
      for (const key in record) {
        if (written > max) break;
        if (!Object.hasOwn(record, key)) continue;
        const member = record[key];
        // JSON.stringify leaves these members out
        if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
        const name = key.length > max ? key.slice(0, max + 1) : key;
        written += name.length + 3 + (kept++ > 0 ? 1 : 0);
        // defineProperty: a `__proto__` member stays a member
        Object.defineProperty(members, name, {
          value: shrink(member),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      out = members;
    }
    onPath.delete(v);
    return out;
  };
  return shrink(value);
}

/** Renders a found value: JSON, at most ~80 characters, `missing` for undefined. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text = JSON.stringify(shrinkForJson(value, MAX_ACTUAL)) ?? String(value);
  } catch {
    // BigInt or a cycle: still say something useful
    text = String(value);
  }
  return truncate(text, MAX_ACTUAL);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Builds a Problem, deriving the one-line message from the other fields. */
export function makeProblem(pointer: string, rule: string, expected: string, actual: string): Problem {
  return {
    pointer,
    rule,
    expected,
    actual,
    message: `${pointer || '/'}: expected ${expected}, found ${actual}`,
  };
}

/** The same problem moved under `prefix` (e.g. `/12` for item 12 of an array body). */
export function prefixProblem(problem: Problem, prefix: string): Problem {
  return makeProblem(prefix + problem.pointer, problem.rule, problem.expected, problem.actual);
}

function listValues(values: unknown): string {
  if (!Array.isArray(values)) return String(values);
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

function typeNames(type: unknown): string {
  const list = Array.isArray(type) ? type : String(type).split(',');
  return list.join(' or ');
}

/** Where the error is and what to say about it, per keyword. */
function describeError(
  error: ErrorObject,
  data: unknown,
): { pointer: string; expected: string; actual: string } {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  const found = () => describeValue(valueAt(data, at));
  switch (error.keyword) {
    case 'type':
      return { pointer: at, expected: typeNames(p.type), actual: found() };
    case 'required':
    case 'dependencies':
    case 'dependentRequired': {
      const name = String(p.missingProperty);
      return {
        pointer: `${at}/${escapePointerToken(name)}`,
        expected: `required property ${name}`,
        actual: 'missing',
      };
    }
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const pointer = `${at}/${escapePointerToken(name)}`;
      return {
        pointer,
        expected: `no property ${name}`,
        actual: describeValue(valueAt(data, pointer)),
      };
    }
    case 'enum':
      return { pointer: at, expected: `one of ${listValues(p.allowedValues)}`, actual: found() };
    case 'const':
      return { pointer: at, expected: `exactly ${JSON.stringify(p.allowedValue)}`, actual: found() };
    case 'format':
      return { pointer: at, expected: `format ${String(p.format)}`, actual: found() };
    case 'pattern':
      return { pointer: at, expected: `matching pattern ${String(p.pattern)}`, actual: found() };
    case 'maximum':
      return { pointer: at, expected: `at most ${String(p.limit)}`, actual: found() };
    case 'minimum':
      return { pointer: at, expected: `at least ${String(p.limit)}`, actual: found() };
    case 'exclusiveMaximum':
      return { pointer: at, expected: `less than ${String(p.limit)}`, actual: found() };
    case 'exclusiveMinimum':
      return { pointer: at, expected: `greater than ${String(p.limit)}`, actual: found() };
    case 'maxLength':
      return { pointer: at, expected: `at most ${String(p.limit)} characters`, actual: found() };
    case 'minLength':
      return { pointer: at, expected: `at least ${String(p.limit)} characters`, actual: found() };
    case 'maxItems':
      return { pointer: at, expected: `at most ${String(p.limit)} items`, actual: found() };
    case 'minItems':
      return { pointer: at, expected: `at least ${String(p.limit)} items`, actual: found() };
    case 'maxProperties':
      return { pointer: at, expected: `at most ${String(p.limit)} properties`, actual: found() };
    case 'minProperties':
      return { pointer: at, expected: `at least ${String(p.limit)} properties`, actual: found() };
    case 'multipleOf':
      return { pointer: at, expected: `a multiple of ${String(p.multipleOf)}`, actual: found() };
    case 'uniqueItems':
      return {
        pointer: at,
        expected: 'unique items',
        actual: `items ${String(p.j)} and ${String(p.i)} are equal`,
      };
    case 'oneOf':
      return { pointer: at, expected: 'a value matching exactly one alternative', actual: found() };
    case 'anyOf':
      return { pointer: at, expected: 'a value matching at least one alternative', actual: found() };
    case 'not':
      return { pointer: at, expected: 'a value not matching the excluded schema', actual: found() };
    case 'false schema':
      return { pointer: at, expected: 'no value here', actual: found() };
    default:
      return { pointer: at, expected: error.message ?? error.keyword, actual: found() };
  }
}

/**
 * Turns ajv's errors into Problems. `data` is the value that was validated (pointers and actual
 * values are read from it); `basePointer` is put in front of every pointer (an item's index).
 * Drops ajv's bookkeeping errors that never help a reader (`if`, which always accompanies the
 * branch's own errors), a `pattern` error where the same place already has a `format` error
 * (custom formats carry both), and exact duplicates.
 */
export function convertAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  data: unknown,
  basePointer = '',
): Problem[] {
  if (!errors || errors.length === 0) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const formatAt = new Set(errors.filter((e) => e.keyword === 'format').map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'pattern' && formatAt.has(error.instancePath)) continue;
    const { pointer, expected, actual } = describeError(error, data);
    const problem = makeProblem(
      basePointer + pointer,
      error.keyword,
      truncate(expected, MAX_EXPECTED),
      actual,
    );
    const key = `${problem.pointer}\u0000${problem.rule}\u0000${problem.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}
