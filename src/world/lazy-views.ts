/**
 * World arrays built on first read from compact records. A generated world keeps its records in
 * typed arrays; its public arrays (World's `enneo.exportRows`, `voipcube.statusLogs`, ...) are
 * own, enumerable accessor properties that build the array once, when something reads it, and
 * keep it. The handlers read the records instead (`recordsOf`), so a server of a large world
 * never holds millions of record objects the garbage collector would trace again and again.
 */

/** The records behind each lazy property, by its getter (which copies of the view share). */
const recordsByGetter = new WeakMap<() => unknown, object>();

/**
 * Defines `target[key]` as built by `build` on first read and then kept; assigning replaces it
 * with a plain data property on the object assigned to (after which `recordsOf` no longer
 * answers the records for that object).
 */
export function defineLazy<T>(target: object, key: string, records: object, build: () => T): void {
  let value: T | undefined;
  const get = () => {
    value ??= build();
    return value;
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get,
    set(this: object, next: T) {
      Object.defineProperty(this, key, { value: next, enumerable: true, configurable: true, writable: true });
    },
  });
  recordsByGetter.set(get, records);
}

/** The records behind `target[key]`, or undefined when it is a plain value (or was replaced). */
export function recordsOf(target: object, key: string): object | undefined {
  const get = Object.getOwnPropertyDescriptor(target, key)?.get;
  return get === undefined ? undefined : recordsByGetter.get(get);
}

/**
 * A shallow copy of a view object that keeps its lazy properties lazy (a spread would read, and
 * so build, every one of them).
 */
export function copyView<T extends object>(view: T): T {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(view)) as T;
}
