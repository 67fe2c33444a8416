#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): a CommonJS entry starts a few ms faster than an ES
// module, and it can require the bundle through v8-compile-cache.
'use strict';
const { existsSync } = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!existsSync(bundle)) {
  console.error('neaspec-track: the build is missing (dist/cli.cjs). Run `npm install` or `npm run build` first.');
  process.exit(2);
}
// Caches V8's compiled code between runs (in the OS temp directory): a cold start costs ~30 ms less.
if (!process.env.NEASPEC_TRACK_NO_COMPILE_CACHE) require('v8-compile-cache');
require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
