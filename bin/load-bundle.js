// Loads dist/cli.cjs with V8's code cache (dist/cli.cache). Node 20 has no compile cache of its
// own (module.enableCompileCache is Node 22), and a cache made *after* running the commands, as
// the build does, holds the compiled code of every function they used, not only the top level:
// a cold `validate` skips most of V8's parsing and compiling.
'use strict';
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cacheFile = path.join(__dirname, '..', 'dist', 'cli.cache');

/** The bundle's exports ({main}), and a function that writes a fresh code cache. */
function loadBundle() {
  if (!existsSync(bundle)) return null;
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  if (!process.env.NEASPEC_TRACK_NO_CODE_CACHE) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {}
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  return {
    exports: mod.exports,
    cacheRejected: cachedData !== undefined && script.cachedDataRejected === true,
    writeCache: () => writeFileSync(cacheFile, script.createCachedData()),
  };
}

module.exports = { loadBundle, bundle };
