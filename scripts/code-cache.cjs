// Part of the build: runs the main commands once on the shipped framework, in one process, then
// writes V8's code cache for the bundle (dist/cli.cache) with every function they compiled.
'use strict';
const path = require('node:path');
const { loadBundle } = require('../bin/load-bundle.js');

process.env.NEASPEC_TRACK_NO_CODE_CACHE = '1';
const loaded = loadBundle();
const { main } = loaded.exports;
const framework = path.join(__dirname, '..', 'frameworks', 'neaspec-2026-2030');
const io = {
  out() {},
  err() {},
  cwd: process.cwd(),
  env: {},
  color: false,
  today: () => 20785, // 2026-11-28
};
const runs = [
  ['validate'],
  ['status'],
  ['status', '--format', 'json'],
  ['variance'],
  ['variance', '--format', 'json'],
  ['report'],
  ['report', '--format', 'html'],
];
(async () => {
  for (const args of runs) await main(['--framework', framework, ...args], io);
  loaded.writeCache();
})();
