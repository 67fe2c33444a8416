// `npm run pack`: the tarball a user installs, with a package.json that says only what an installed
// package needs. A plain `npm pack` ships the repository's package.json whole, and npm then warns
// every installer about its `prepare` script ("install scripts not yet covered by allowScripts"),
// although the tarball is built already and that script never runs from it. So the shipped files
// are staged in a temporary folder beside a package.json without scripts, dev dependencies,
// overrides or install-script approvals, and packed from there; the repository is left untouched.
//
//   node scripts/pack.mjs [--no-build] [--pack-destination DIR] [--dry-run]
//
// It prints what `npm pack --json` prints for the staged folder.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'pack-destination': { type: 'string', default: ROOT },
    'dry-run': { type: 'boolean', default: false },
  },
});

/** The repository's package.json less what only a clone of the repository uses. */
export function shippedManifest(pkg) {
  const { scripts, devDependencies, overrides, allowScripts, ...rest } = pkg;
  return rest;
}

if (!values['no-build'])
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const stage = mkdtempSync(path.join(tmpdir(), 'neaspec-pack-'));
try {
  // npm always adds README and LICENSE; the rest is what `files` names.
  for (const f of [...pkg.files, 'README.md', 'LICENSE']) {
    cpSync(path.join(ROOT, f), path.join(stage, f), { recursive: true });
  }
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(shippedManifest(pkg), null, 2)}\n`);
  const args = ['pack', '--json', '--pack-destination', path.resolve(values['pack-destination'])];
  if (values['dry-run']) args.push('--dry-run');
  process.stdout.write(execFileSync('npm', args, { cwd: stage, encoding: 'utf8' }));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
