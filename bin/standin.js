#!/usr/bin/env node
// The package ships TypeScript sources; tsx compiles them on the fly so that `npx standin`
// works in a clone right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
