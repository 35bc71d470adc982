/**
 * Validation whose cost is bounded whatever the size of the value, while a valid value is still
 * validated whole.
 *
 * Why: with allErrors, ajv records every error of every item (about 35 per wrong Enneo export
 * row) and each became a Problem, so a target answering 10 MB of wrong items ran `standin
 * verify` out of heap. Now a validator without allErrors gives the yes/no answer (and the first
 * error) over the whole value; only a value that fails is validated again with allErrors, on a
 * bounded copy of it: a long top-level array is cut to its first failing items, any other array
 * or object to its first members. At most MAX_PROBLEMS Problems are returned, plus one saying
 * how many more there were and what was not checked in detail.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ajv, compileOpenApiSchema } from './ajv.ts';
import { convertAjvErrors, escapePointerToken, makeProblem, type Problem } from './problems.ts';

/** Problems listed for one value; one more Problem says what was left out. */
export const MAX_PROBLEMS = 100;
/** Members of one array (failing items of a top-level array) or extra members of one object checked in detail. */
export const MAX_DETAIL_MEMBERS = 100;
/** Array items and object members copied for the detail pass, the whole value together. */
export const MAX_DETAIL_NODES = 10_000;
/** Deeper than any contract schema: ajv does not descend further, so nothing is copied there. */
const MAX_DEPTH = 64;

/** Keywords about a whole array or object: a cut copy would answer them wrongly. */
const COUNTING_KEYWORDS = new Set([
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'minProperties',
  'maxProperties',
]);

/** The validators of one schema: a fast one for every value, a thorough one for wrong values. */
export interface BoundedValidator {
  /** Without allErrors: whether the value is valid, and its first error. */
  readonly check: ValidateFunction;
  /** For an array schema: the `check` of one item, to find a long array's failing items. */
  readonly checkItem: ValidateFunction | undefined;
  /** With allErrors, compiled on first use (most schemas never see a wrong value). */
  detail(): ValidateFunction;
  /** Every property name the schema mentions: a cut object keeps these. */
  names(): ReadonlySet<string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Wraps `check` (compiled from `schema` without allErrors) with what the detail pass needs.
 * `schema` is the OpenAPI schema `check` came from; the allErrors validator is compiled from it
 * when a value first fails.
 */
export function boundedValidator(
  schema: unknown,
  check: ValidateFunction,
  checkItem?: ValidateFunction,
): BoundedValidator {
  let detail: ValidateFunction | undefined;
  let names: Set<string> | undefined;
  return {
    check,
    checkItem,
    detail: () => {
      detail ??= compileOpenApiSchema(schema, ajv);
      return detail;
    },
    names: () => {
      names ??= propertyNames(schema);
      return names;
    },
  };
}

function propertyNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const sub of node) visit(sub);
      return;
    }
    const s = node as Record<string, unknown>;
    if (isRecord(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) {
        names.add(name);
        visit(sub);
      }
    }
    if (Array.isArray(s.required))
      for (const name of s.required) if (typeof name === 'string') names.add(name);
    for (const key of ['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']) visit(s[key]);
  };
  visit(schema);
  return names;
}

/** A bounded copy of a value for the detail pass, and how it differs from the value. */
interface Sample {
  value: unknown;
  /** Pointers (into the original value) of the arrays and objects the copy cut. */
  cut: Set<string>;
  /** The cut ones whose left-out members were not checked at all (the rest left out valid items). */
  unchecked: Set<string>;
  /** For a long top-level array whose failing items were not all found: how many were kept, of how many. */
  picked: { failing: number; of: number } | undefined;
  /** A pointer into the copy as a pointer into the original value. */
  original: (pointer: string) => string;
}

function sampleOf(data: unknown, validator: BoundedValidator): Sample {
  const cut = new Set<string>();
  const unchecked = new Set<string>();
  let budget = MAX_DETAIL_NODES;
  let names: ReadonlySet<string> | undefined;
  const leaveOut = (pointer: string) => {
    cut.add(pointer);
    unchecked.add(pointer);
  };

  const copy = (value: unknown, pointer: string, depth: number): unknown => {
    if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        if (i >= MAX_DETAIL_MEMBERS || budget <= 0) {
          leaveOut(pointer);
          break;
        }
        budget--;
        out.push(copy(value[i], `${pointer}/${i}`, depth + 1));
      }
      return out;
    }
    names ??= validator.names();
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let extras = 0;
    for (const key of Object.keys(source)) {
      // A named member always stays: leaving it out would report it as missing.
      if (!names.has(key)) {
        if (extras >= MAX_DETAIL_MEMBERS || budget <= 0) {
          leaveOut(pointer);
          continue;
        }
        extras++;
      }
      budget--;
      const member = copy(source[key], `${pointer}/${escapePointerToken(key)}`, depth + 1);
      // defineProperty: a JSON `__proto__` member must stay a member, not become the prototype
      Object.defineProperty(out, key, {
        value: member,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };

  if (!(Array.isArray(data) && validator.checkItem && data.length > MAX_DETAIL_MEMBERS)) {
    return { value: copy(data, '', 0), cut, unchecked, picked: undefined, original: (p) => p };
  }
  // Keep the items that fail, so that a wrong item far down a long array is still detailed.
  const picked: number[] = [];
  let i = 0;
  for (; i < data.length && picked.length < MAX_DETAIL_MEMBERS; i++) {
    if (!validator.checkItem(data[i])) picked.push(i);
  }
  cut.add('');
  const items: unknown[] = [];
  for (const index of picked) {
    if (budget <= 0) {
      leaveOut('');
      break;
    }
    budget--;
    items.push(copy(data[index], `/${index}`, 1));
  }
  return {
    value: items,
    cut,
    unchecked,
    picked: i < data.length ? { failing: picked.length, of: data.length } : undefined,
    original: (pointer) => {
      if (pointer === '') return pointer;
      const end = pointer.indexOf('/', 1);
      const index = picked[Number(end < 0 ? pointer.slice(1) : pointer.slice(1, end))];
      return `/${index}${end < 0 ? '' : pointer.slice(end)}`;
    },
  };
}

/**
 * What the detail pass left out, in words; undefined when nothing that matters. A cut array or
 * object the schema never looked into (a type error at it or above it, and no error inside it)
 * does not matter: an array body where an object belongs is reported whole.
 */
function partialDetail(sample: Sample, errors: readonly ErrorObject[]): string | undefined {
  const typeWrong = errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath);
  const within = (pointer: string, container: string) =>
    pointer === container || pointer.startsWith(`${container}/`);
  const matters = (container: string) =>
    !typeWrong.some((at) => within(container, at)) ||
    errors.some((e) => e.instancePath !== container && within(e.instancePath, container));
  const reasons: string[] = [];
  if (sample.picked && matters('')) {
    reasons.push(`the first ${sample.picked.failing} failing items of ${sample.picked.of}`);
  }
  if ([...sample.unchecked].some(matters)) {
    reasons.push(
      `the first ${MAX_DETAIL_MEMBERS} members of each array and object, ${MAX_DETAIL_NODES} in all`,
    );
  }
  return reasons.length ? `only ${reasons.join(' and ')} were checked in detail` : undefined;
}

const problemKey = (p: Problem) => `${p.pointer}\u0000${p.rule}\u0000${p.expected}`;

/**
 * Problems of `data` against the validator's schema; [] when valid. Pointers and wording are
 * those of convertAjvErrors (`basePointer` in front of every pointer). A value small enough is
 * detailed whole; a larger one on a bounded copy (the first error over the whole value is always
 * among the Problems). More than MAX_PROBLEMS Problems, or a partial detail, end with one
 * Problem of rule `truncated` saying so; it sits at the first Problem it stands for (or the last
 * listed), so that a caller sorting Problems by place sorts it with them.
 */
export function boundedProblems(validator: BoundedValidator, data: unknown, basePointer = ''): Problem[] {
  if (validator.check(data)) return [];
  const firstErrors = validator.check.errors ?? [];
  const detail = validator.detail();
  const sample = sampleOf(data, validator);
  if (sample.cut.size === 0) {
    // Nothing was cut, so the copy is the value: detail the value itself.
    const errors = detail(data) ? firstErrors : detail.errors;
    return capped(convertAjvErrors(errors, data, basePointer), undefined, basePointer);
  }
  const errors: ErrorObject[] = [];
  if (!detail(sample.value)) {
    for (const error of detail.errors ?? []) {
      const instancePath = sample.original(error.instancePath);
      if (COUNTING_KEYWORDS.has(error.keyword) && sample.cut.has(instancePath)) continue;
      errors.push({ ...error, instancePath });
    }
  }
  const found = convertAjvErrors(errors, data, basePointer);
  const keys = new Set(found.map(problemKey));
  const first = convertAjvErrors(firstErrors, data, basePointer).filter((p) => !keys.has(problemKey(p)));
  return capped([...first, ...found], partialDetail(sample, [...firstErrors, ...errors]), basePointer);
}

function capped(problems: Problem[], partial: string | undefined, basePointer: string): Problem[] {
  const more = problems.length - MAX_PROBLEMS;
  if (more <= 0 && partial === undefined) return problems;
  const listed = problems.slice(0, MAX_PROBLEMS);
  const at = problems[MAX_PROBLEMS] ?? listed.at(-1);
  let actual = `${listed.length} listed`;
  if (more > 0) actual += `, ${partial ? 'at least ' : ''}${more} more not listed`;
  if (partial) actual += `; ${partial}`;
  listed.push(makeProblem(at?.pointer ?? basePointer, 'truncated', 'every problem listed', actual));
  return listed;
}
