/**
 * What the npm package ships, and that it installs and runs outside a clone. The bundle
 * (dist/cli.cjs, scripts/build.mjs) carries every library the CLI uses, so the package has no
 * runtime dependencies: `npm install ./neaspec-track-X.tgz` needs no registry and no cache.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
// Offline: nothing may be fetched. Warnings are kept (loglevel warn): an install must print none.
const NPM_ENV = {
  ...process.env,
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_loglevel: 'warn',
};
/** `npm run pack`'s script, without its build: no script may rebuild dist/ under other tests. */
const pack = (args: string[]) =>
  execFileSync(process.execPath, ['scripts/pack.mjs', '--no-build', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: NPM_ENV,
  });

/**
 * What runs: the launcher, the bundle and its code cache, the Word and Excel writers' bundles
 * (loaded only by the commands that write or read those files), the shipped data and the schema.
 */
const SHIPPED =
  /^(bin\/[^/]+\.(js|json)|dist\/cli\.(cjs|cache)|dist\/vendor-[a-z]+\.cjs|frameworks\/.+|examples\/.+|schema\/framework\.schema\.json|README\.md|LICENSE|package\.json)$/;

describe('the npm package', () => {
  const listing = JSON.parse(pack(['--dry-run']))[0] as {
    files: { path: string; size: number }[];
    unpackedSize: number;
  };
  const files = listing.files.map((f) => f.path).sort();

  it('ships only what runs: no source map, sources, tests, scripts or dev configuration', () => {
    expect(files.filter((f) => !SHIPPED.test(f))).toEqual([]);
    for (const f of ['bin/neaspec-track.js', 'dist/cli.cjs', 'schema/framework.schema.json', 'LICENSE']) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
    expect(files.some((f) => f.startsWith('frameworks/neaspec-2026-2030/'))).toBe(true);
    // Beside the bundles and the code cache, the data, schema and docs are small: no stray large file.
    const size = (f: string) => listing.files.find((x) => x.path === f)?.size ?? 0;
    const bundles = files.filter((f) => f.startsWith('dist/')).reduce((n, f) => n + size(f), 0);
    expect(listing.unpackedSize - bundles).toBeLessThan(500_000);
  });

  // package.json names no `repository` yet: the project's public URL is not known here, and an
  // invented one would send users to the wrong place (add it when the repository is published).
  it('declares no runtime dependencies (the bundle carries them)', () => {
    // A library the CLI needs belongs in devDependencies: esbuild bundles it into dist/cli.cjs.
    expect(pkg.dependencies ?? {}).toEqual({});
    // The bundles require Node's own modules, and the CLI its vendor bundles shipped beside it.
    const builtin = new Set(builtinModules);
    for (const f of files.filter((x) => /^dist\/.*\.cjs$/.test(x))) {
      const bundle = readFileSync(path.join(ROOT, f), 'utf8');
      const required = [...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string);
      if (f === 'dist/cli.cjs') expect(required.length).toBeGreaterThan(0);
      const outside = required.filter(
        (r) =>
          !builtin.has(r.replace(/^node:/, '')) &&
          !(r.startsWith('./') && files.includes(`dist/${r.slice(2)}`)),
      );
      expect(outside, f).toEqual([]);
    }
    expect(files).toEqual(
      expect.arrayContaining(['dist/vendor-docx.cjs', 'dist/vendor-exceljs.cjs', 'dist/vendor-parquet.cjs']),
    );
  });

  describe('installed from its tarball into an empty folder, offline', () => {
    const tmp = tempDir('neaspec-pack-');
    afterAll(() => tmp.cleanup());
    const app = path.join(tmp.dir, 'app');

    it('installs without a warning, and `npx neaspec-track validate` runs there on the shipped framework', () => {
      const tgz = (JSON.parse(pack(['--pack-destination', tmp.dir]))[0] as { filename: string }).filename;
      mkdirSync(app);
      // The installed manifest carries no script: npm has nothing to ask the installer to approve.
      const install = spawnSync('npm', ['install', '--no-save', path.join(tmp.dir, tgz)], {
        cwd: app,
        encoding: 'utf8',
        env: NPM_ENV,
      });
      expect(install.status).toBe(0);
      expect(install.stderr).toBe('');
      const installed = JSON.parse(
        readFileSync(path.join(app, 'node_modules/neaspec-track/package.json'), 'utf8'),
      );
      expect(installed.scripts).toBeUndefined();
      expect(installed.devDependencies).toBeUndefined();
      expect(installed.bin).toEqual(pkg.bin);
      expect(existsSync(path.join(app, 'node_modules', 'neaspec-track', 'dist', 'cli.cjs'))).toBe(true);
      const r = spawnSync('npx', ['--no', 'neaspec-track', 'validate', '--strict'], {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', npm_config_offline: 'true' },
      });
      const shipped = 'node_modules/neaspec-track/frameworks/neaspec-2026-2030';
      expect(r.stderr).toContain(`using the shipped example ${shipped} (`);
      expect(r.stdout).toBe(`ok ${shipped}\n`);
      expect(r.status).toBe(0);
      // The Word and Excel writers load from their bundles in the installed package.
      const shippedFw = path.join(app, shipped);
      for (const args of [
        ['report', '--format', 'docx', '--as-of', '2026-11-28', '--out', 'r.docx'],
        ['export', '--as-of', '2026-11-28', '--out', 'w.xlsx'],
      ]) {
        const w = spawnSync(
          path.join(app, 'node_modules/.bin/neaspec-track'),
          ['--framework', shippedFw, ...args],
          {
            cwd: app,
            encoding: 'utf8',
            env: { ...process.env, NO_COLOR: '1' },
          },
        );
        expect(w.stderr).toBe(`wrote ${args.at(-1)}\n`);
        expect(w.status).toBe(0);
        expect(
          readFileSync(path.join(app, args.at(-1) as string))
            .subarray(0, 2)
            .toString(),
        ).toBe('PK');
      }
      // The schema an editor modeline points at is where the README says.
      expect(existsSync(path.join(app, 'node_modules/neaspec-track/schema/framework.schema.json'))).toBe(
        true,
      );
    });
  });
});
