/**
 * Generated worlds shared by the tests of one file: the first test asking for a world builds it,
 * the others reuse it. A test that proves something about generation itself (determinism) calls
 * generateWorld directly. Measured on the 2-core machine: the default world takes about 0.1 s,
 * the 3,000-ticket one 30 ms, the small ones 2-6 ms — so a world lives as long as its file's
 * modules (vitest isolates each file); sharing across files (isolate: false, or a disk cache)
 * would save well under a second for the whole suite and give up that isolation.
 */
import { generateWorld, type WorldOptions } from '../../src/world/index.ts';
import type { World } from '../../src/world/types.ts';

const built = new Map<string, World>();

/**
 * The world of `options`, generated on first use in this file. Callers must not change it.
 * @example const world = sharedWorld({ size: { agents: 5, days: 60, tickets: 300 } });
 */
export function sharedWorld(options: WorldOptions = {}): World {
  const key = JSON.stringify(options);
  let world = built.get(key);
  if (!world) {
    world = generateWorld(options);
    built.set(key, world);
  }
  return world;
}
