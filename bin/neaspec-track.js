#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const bundle = new URL('../dist/cli.cjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('neaspec-track: the build is missing (dist/cli.cjs). Run `npm install` or `npm run build` first.');
  process.exit(2);
}
// Caches V8's compiled code between runs (in the OS temp directory): a cold start costs ~30 ms less.
if (!process.env.NEASPEC_TRACK_NO_COMPILE_CACHE) require('v8-compile-cache');
const { main } = require(fileURLToPath(bundle));
process.exitCode = await main(process.argv.slice(2));
