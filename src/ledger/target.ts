import path from 'node:path';

/** Where a new entry goes, and the header of a ledger file created for it. Pure: paths only. */

/**
 * The file an entry dated `date` goes to: in a directory framework `progress/<year>.yaml` (or an
 * existing `progress/<year>.yml`), in a single-file framework the file itself.
 */
export function ledgerTarget(
  root: string,
  rootIsDir: boolean,
  date: string,
  existing: readonly string[],
): string {
  if (!rootIsDir) return root;
  const year = date.slice(0, 4);
  const yaml = path.join(root, 'progress', `${year}.yaml`);
  const yml = path.join(root, 'progress', `${year}.yml`);
  const have = new Set(existing.map((p) => path.resolve(p)));
  return !have.has(path.resolve(yaml)) && have.has(path.resolve(yml)) ? yml : yaml;
}

/**
 * The comment lines that open a ledger file created by `record`. The first is the editor's schema
 * line when there is a schema reference to give; otherwise a comment says how to add one.
 */
export function ledgerHeader(schemaRef: string | undefined, year: string): string[] {
  const lines = [
    `# Ledger for ${year}: results and spending, one entry per line, appended by \`neaspec-track record\`.`,
    '# Append-only: correct a result with a new entry marked `corrects: true`; undo spending with a negative amount.',
  ];
  if (schemaRef !== undefined) return [`# yaml-language-server: $schema=${schemaRef}`, ...lines];
  return [
    ...lines,
    '# Editor checks: save the schema with `neaspec-track schema > framework.schema.json` and make the first',
    '# line of this file a yaml-language-server $schema modeline naming that file (relative to this one).',
  ];
}

// The editor's schema modeline, as a comment line of its own.
const SCHEMA_LINE = /^#[ \t]*yaml-language-server:[ \t]*\$schema=(\S+)[ \t]*\r?$/m;
// A URL (https:, file:…) or an absolute path: the same from every file.
const NOT_RELATIVE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/)/;

/**
 * The `$schema=` reference for a new ledger file `target`: the one an existing YAML file of the
 * framework gives (a file in the same directory first), with a relative path re-anchored to the new
 * file's directory; else, for a framework inside the installed package (the shipped one, the
 * examples; all paths real), the path to the package's schema; else none, since a path into one machine's
 * installation would be wrong for everyone else once the file is committed.
 */
export function schemaRef(
  target: string,
  files: readonly { path: string; text: string }[],
  pkg: { root: string; realRoot: string; packageRoot: string; schemaFile: string },
): string | undefined {
  const dir = path.dirname(path.resolve(target));
  const yaml = files.filter((f) => /\.ya?ml$/i.test(f.path));
  const sameDir = yaml.filter((f) => path.dirname(path.resolve(f.path)) === dir);
  for (const f of [...sameDir, ...yaml.filter((g) => !sameDir.includes(g))]) {
    const m = SCHEMA_LINE.exec(f.text.slice(0, 4096));
    if (!m) continue;
    const ref = m[1] as string;
    if (NOT_RELATIVE.test(ref)) return ref;
    const abs = path.resolve(path.dirname(path.resolve(f.path)), ref);
    return posix(path.relative(dir, abs));
  }
  const rel = path.relative(pkg.packageRoot, pkg.realRoot);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const realDir = path.join(pkg.realRoot, path.relative(path.resolve(pkg.root), dir));
  return posix(path.relative(realDir, pkg.schemaFile));
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Compares two paths below `root` the way the framework reader walks them (each directory's names sorted). */
export function compareFrameworkPaths(root: string, a: string, b: string): number {
  const sa = path.relative(root, a).split(path.sep);
  const sb = path.relative(root, b).split(path.sep);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i] as string;
    const y = sb[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}
