// Bundles the CLI into one minified CommonJS file. One file loads far faster than hundreds of
// node_modules files, and CommonJS lets bin/ use v8-compile-cache (Node 20 has no compile cache
// for ES modules): together they keep a cold `validate` near bare `node` start-up.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: true,
  legalComments: 'none',
  // The sources are ES modules; in the bundle import.meta.url is the bundle's own URL.
  define: { 'import.meta.url': '__bundle_url', __VERSION__: JSON.stringify(version) },
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
