// Bundles the CLI into one minified CommonJS file (one file loads far faster than hundreds of
// node_modules files), then writes V8's code cache for it (scripts/code-cache.cjs): together they
// keep a cold start short.
import { execFileSync } from 'node:child_process';
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

try {
  execFileSync(process.execPath, ['scripts/code-cache.cjs'], { stdio: 'inherit' });
} catch {
  // Only start-up time depends on the cache: the CLI works without it.
  console.warn('build: could not write the code cache (dist/cli.cache); the CLI will start a little slower');
}
