/**
 * Files shipped beside the code (contracts/, fixtures/people.json, package.json), found from the
 * package root rather than from each module's own location: a module sits one folder deeper in
 * the compiled package (dist/src/…) than in the sources (src/…), so a fixed `../../` would point
 * at dist/ once built. The root is the nearest folder above this module holding a package.json.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function findRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`standin: no package.json above ${start}`);
  }
}

/**
 * Absolute path of a file or folder of the standin package.
 * @example packagePath('contracts', 'enneo.yaml') // …/standin/contracts/enneo.yaml
 */
export function packagePath(...segments: string[]): string {
  root ??= findRoot();
  return join(root, ...segments);
}
