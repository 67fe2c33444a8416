// Bundles the CLI into one minified CommonJS file (one file loads far faster than hundreds of
// node_modules files), then writes V8's code cache for it (scripts/code-cache.cjs): together they
// keep a cold start short.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

// The Word, Excel and Parquet writers (docx, exceljs, hyparquet-writer: ~1.5 MB minified) go into
// bundles of their own, dist/vendor-docx.cjs, dist/vendor-exceljs.cjs and dist/vendor-parquet.cjs,
// which the CLI requires only when a command writes or reads such a file: every other command
// (validate above all) starts without reading them. Each vendor bundle exports its library's
// modules by import path, so `docx/charts` and `docx` share one copy of docx (a chart's Run must
// be the same class as the document's).
const VENDOR = { docx: ['docx', 'docx/charts'], exceljs: ['exceljs'], parquet: ['hyparquet-writer'] };
/**
 * exceljs's streaming writer zips through archiver 5, whose archiver-utils turns a text into bytes
 * with the deprecated `new Buffer(text)`: inside node_modules Node stays quiet about it, but in a
 * bundle it prints a DeprecationWarning on every `export`. The three calls become Buffer.alloc and
 * Buffer.from, which do the same.
 */
const archiverBuffer = {
  name: 'archiver-buffer',
  setup(b) {
    b.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const patched = text
        .replace('new Buffer(size)', 'Buffer.alloc(size)')
        .replace('new Buffer(0)', 'Buffer.alloc(0)')
        .replace('new Buffer(source)', 'Buffer.from(source)');
      if (/new Buffer\(/.test(patched))
        console.warn('build: archiver-utils still calls new Buffer(); see archiverBuffer');
      return { contents: patched, loader: 'js' };
    });
  },
};
const vendorOf = new Map(Object.entries(VENDOR).flatMap(([chunk, mods]) => mods.map((m) => [m, chunk])));
for (const [chunk, mods] of Object.entries(VENDOR)) {
  await build({
    stdin: {
      contents: `module.exports = {${mods.map((m) => `${JSON.stringify(m)}: require(${JSON.stringify(m)})`).join(', ')}};`,
      resolveDir: '.',
      loader: 'js',
    },
    outfile: `dist/vendor-${chunk}.cjs`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [archiverBuffer],
  });
}
/** Resolves a vendored import to its chunk, loaded (lazily, as a CommonJS module) from beside the CLI. */
const vendorChunks = {
  name: 'vendor-chunks',
  setup(b) {
    b.onResolve({ filter: /^(docx|docx\/charts|exceljs|hyparquet-writer)$/ }, (args) => ({
      path: args.path,
      namespace: 'vendor',
    }));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
      contents: `module.exports = require('./vendor-${vendorOf.get(args.path)}.cjs')[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/vendor-[a-z]+\.cjs$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * The `yaml` package's parser reads `process.env.LOG_TOKENS` once per token (a debugging switch),
 * and each read of process.env is a call into Node's C++: a tenth of the time of a plan's parse.
 * The switch is turned off in the bundle; the package is otherwise untouched.
 */
const yamlNoEnv = {
  name: 'yaml-no-env',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const patched = text.replace(/node_process\.env\.LOG_TOKENS/g, 'false');
      if (patched === text) console.warn('build: yaml parser no longer reads LOG_TOKENS; nothing to patch');
      return { contents: patched, loader: 'js' };
    });
  },
};

/**
 * Start-up trims: modules that a library loads at its top level though the CLI never uses them.
 * A cold `validate` otherwise loads Node's child_process (with net, dgram and streams) for
 * commander's stand-alone executable subcommands, which the CLI has none of, and chalk's colour
 * probe (tty, os) for its default instance, which the CLI never uses (it builds its own with an
 * explicit level: src/render/colour.ts).
 */
const startupTrims = {
  name: 'startup-trims',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
    b.onResolve({ filter: /^#supports-color$/ }, () => ({
      path: 'supports-color',
      namespace: 'no-color-probe',
    }));
    b.onLoad({ filter: /.*/, namespace: 'no-color-probe' }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
    // zod's 40-odd message locales (a quarter of the bundle), of which the CLI uses English, the
    // default: `z.locales` keeps only `en`.
    b.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-en' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

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
  plugins: [vendorChunks, yamlNoEnv, startupTrims],
  logLevel: 'warning',
});

try {
  execFileSync(process.execPath, ['scripts/code-cache.cjs'], { stdio: 'inherit' });
} catch {
  // Only start-up time depends on the cache: the CLI works without it.
  console.warn('build: could not write the code cache (dist/cli.cache); the CLI will start a little slower');
}
