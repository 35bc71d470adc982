/**
 * World arrays built on first read from compact records. A generated world keeps its records in
 * typed arrays; its public arrays (World's `enneo.exportRows`, `voipcube.statusLogs`, ...) are
 * own, enumerable accessor properties that build the array once, when something reads it, and
 * keep it. The handlers read the records instead (`recordsOf`), so a server of a large world
 * never holds millions of record objects the garbage collector would trace again and again.
 */

interface Lazy {
  records: object;
  get: () => unknown;
}

/** Per view object, per property: the records behind it and the getter that proves it untouched. */
const lazyViews = new WeakMap<object, Map<string, Lazy>>();

/**
 * Defines `target[key]` as built by `build` on first read and then kept; assigning replaces it
 * with a plain data property (after which `recordsOf` no longer answers the records).
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
    set(next: T) {
      Object.defineProperty(target, key, {
        value: next,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    },
  });
  let views = lazyViews.get(target);
  if (views === undefined) {
    views = new Map();
    lazyViews.set(target, views);
  }
  views.set(key, { records, get });
}

/** The records behind `target[key]`, or undefined when it is a plain value (or was replaced). */
export function recordsOf(target: object, key: string): object | undefined {
  const lazy = lazyViews.get(target)?.get(key);
  if (lazy === undefined || Object.getOwnPropertyDescriptor(target, key)?.get !== lazy.get) return undefined;
  return lazy.records;
}
