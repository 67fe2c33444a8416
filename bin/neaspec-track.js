#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): it starts a few ms faster than an ES module.
'use strict';
const { loadBundle } = require('./load-bundle.js');

const loaded = loadBundle();
if (!loaded) {
  console.error(
    'neaspec-track: the build is missing (dist/cli.cjs). Run `npm install` or `npm run build` first.',
  );
  process.exit(2);
}
loaded.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
