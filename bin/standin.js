#!/usr/bin/env node
// The development launcher, used inside a clone (tests, `npm run fixtures`): it runs the TypeScript
// sources through tsx, so that what is tested is what is in src/, never a stale build. The
// installed package's `standin` is dist/src/cli/bin.js (package.json `bin`), which needs no tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
