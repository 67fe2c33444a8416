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

/** The comment lines that open a ledger file created by `record`; the first is the editor's schema line. */
export function ledgerHeader(target: string, schemaFile: string, year: string): string[] {
  const rel = path.relative(path.dirname(target), schemaFile).split(path.sep).join('/');
  return [
    `# yaml-language-server: $schema=${rel}`,
    `# Ledger for ${year}: results and spending, one entry per line, appended by \`neaspec-track record\`.`,
    '# Append-only: correct a result with a new entry marked `corrects: true`; undo spending with a negative amount.',
  ];
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
