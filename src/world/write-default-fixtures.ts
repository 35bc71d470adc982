/**
 * Writes the default world to ./fixtures: `npx tsx src/world/write-default-fixtures.ts`.
 * (`npm run fixtures` does the same through the CLI.)
 */
import { writeFixtures } from './fixtures.ts';
import { generateWorld } from './index.ts';

await writeFixtures(generateWorld(), 'fixtures');
