import { pushAll } from '../core/arrays.js';
import { type Diagnostic, error } from '../model/diagnostics.js';
import type { Entry, Framework } from '../model/framework.js';
import type { ParsedFile } from '../model/parsed.js';
import { normalise } from '../normalise/framework.js';
import { runRules } from '../rules/index.js';
import { parseCsvFile } from './csv-file.js';
import type { RawFile } from './files.js';
import { lineFile, parseYamlFile } from './yaml-file.js';

/** A checked framework: the model (when a plan was found) and every diagnostic, errors first by file and line. */
export interface Checked {
  framework: Framework | undefined;
  diagnostics: Diagnostic[];
  /** The files as parsed, with `keepParsed` (`validate --base` and `diff` read their ledger items). */
  parsed?: ParsedFile[];
}

/** Parses one file by its extension. */
function parseFile(f: RawFile): ParsedFile {
  if (f.unreadable !== undefined) {
    const file = lineFile(f.name, '', () => ({ line: 1, col: 1 }));
    const d = error('unreadable-file', `cannot read ${f.name}: ${f.unreadable}`, { file, path: [] });
    return { file, value: undefined, diagnostics: [d] };
  }
  return /\.csv$/i.test(f.name) ? parseCsvFile(f.name, f.text) : parseYamlFile(f.name, f.text);
}

/** Parses, normalises and checks framework files already read from disk. Pure: no I/O. */
/**
 * What a caller needs of the ledger. `entryKinds`: the kinds of entry to keep in
 * `framework.entries` (default all). Every entry is checked all the same, so the errors are the
 * same; a command that reads one kind (status: results, variance: spending) keeps a million
 * entries of the others from being built to be kept. Warnings worked out from the entries left
 * out (breakdown-total) are not made.
 */
export interface CheckOptions {
  entryKinds?: ReadonlySet<Entry['kind']>;
  keepParsed?: boolean;
}

export function checkFiles(root: string, files: RawFile[], opts: CheckOptions = {}): Checked {
  if (files.length === 0) {
    return {
      framework: undefined,
      diagnostics: [error('no-files', `no *.yaml, *.yml or *.csv files in ${root}`)],
    };
  }
  const parsed = files.map(parseFile);
  const checked = checkParsed(root, parsed, opts);
  return opts.keepParsed ? { ...checked, parsed } : checked;
}

/** Normalises parsed files and runs every rule. */
export function checkParsed(root: string, parsed: ParsedFile[], opts: CheckOptions = {}): Checked {
  const { framework, diagnostics, invalidIds, invalidRefs } = normalise(root, parsed, opts.entryKinds);
  if (framework)
    pushAll(diagnostics, runRules(framework, { invalidIds, invalidRefs, prior: [...diagnostics] }));
  return { framework, diagnostics: sortDiagnostics(diagnostics) };
}

/** Errors before warnings, then by file, line and column. */
function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const keyed = diags.map((d) => ({
    d,
    pos: d.src ? d.src.file.locate(d.src.path, d.atKey) : { line: 0, col: 0 },
  }));
  keyed.sort(
    (a, b) =>
      (a.d.severity === b.d.severity ? 0 : a.d.severity === 'error' ? -1 : 1) ||
      cmp(a.d.src?.file.name ?? '', b.d.src?.file.name ?? '') ||
      a.pos.line - b.pos.line ||
      a.pos.col - b.pos.col,
  );
  return keyed.map((k) => k.d);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
