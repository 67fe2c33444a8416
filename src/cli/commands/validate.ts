import path from 'node:path';
import type { Command } from 'commander';
import { pushAll } from '../../core/arrays.js';
import { civil } from '../../core/dates.js';
import { displayName } from '../../load/files.js';
import type { Checked } from '../../load/index.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import {
  formatCounts,
  formatGithub,
  formatGithubSummary,
  formatJson,
  formatText,
} from '../../render/diagnostics.js';
import { compareWithBase } from '../../rules/base.js';
import {
  CliError,
  chalkFor,
  check,
  type GlobalOptions,
  type Io,
  parseAsOf,
  parseFormat,
  widthOf,
} from '../context.js';
import { loadRevision, sideOf } from '../revision.js';

const FORMATS = ['text', 'json', 'github'] as const;

interface ValidateOptions {
  format?: string;
  strict?: boolean;
  base?: string;
  asOf?: string;
}

/** `validate [PATH...]`: every framework given (default: the selected one), exit 1 on errors (or warnings with --strict). */
export function runValidate(io: Io, global: GlobalOptions, paths: string[], opts: ValidateOptions): number {
  const format = parseFormat(opts.format, FORMATS, 'text');
  if (opts.asOf !== undefined && opts.base === undefined) {
    throw new CliError('--as-of goes with --base: it is the day whose ended years --base keeps closed', 2);
  }
  const endedBefore = civil(parseAsOf(io, opts.asOf)).y;
  const targets = paths.length > 0 ? paths : [undefined];
  const all: Diagnostic[] = [];
  const c = chalkFor(io);
  const reports: { root: string; diagnostics: Diagnostic[] }[] = [];
  for (const target of targets) {
    const selected = target === undefined ? global : { ...global, framework: target };
    const checked = check(io, selected, { keepParsed: opts.base !== undefined });
    const diagnostics =
      opts.base === undefined ? checked.diagnostics : againstBase(io, checked, opts.base, endedBefore);
    reports.push({ root: shownRoot(checked.root, io.cwd), diagnostics });
    pushAll(all, diagnostics);
  }
  if (format === 'json') io.out(formatJson(all, opts.strict ?? false));
  else if (format === 'github') io.out(formatGithub(all));
  else {
    for (const r of reports) {
      io.out(formatText(r.diagnostics, c, r.root, widthOf(io)));
      const name = r.root;
      const counts = formatCounts(r.diagnostics);
      io.out(r.diagnostics.length === 0 ? `${c.green('ok')} ${name}\n` : `${name}: ${counts}\n`);
    }
  }
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.length - errors;
  const failedByWarnings = opts.strict === true && errors === 0 && warnings > 0;
  if (failedByWarnings) {
    // A warning annotation alone reads as "passed with remarks": say why the job failed.
    const why = `${warnings} ${warnings === 1 ? 'warning' : 'warnings'} failed the run (--strict makes warnings fail)`;
    if (format === 'github') io.out(formatGithubSummary(why));
    else if (format === 'text') io.err(`neaspec-track: ${why}\n`);
  }
  return errors > 0 || failedByWarnings ? 1 : 0;
}

/**
 * The usual diagnostics and what `--base REV` adds: REV's ledger entries edited, removed or moved,
 * and ended years' targets or planned amounts changed in place. Errors stay before warnings.
 */
function againstBase(
  io: Io,
  checked: Checked & { root: string },
  rev: string,
  endedBefore: number,
): Diagnostic[] {
  const base = loadRevision(io, checked.root, rev);
  const head = sideOf(checked, 'the working tree');
  const found = compareWithBase(rev, base, head, endedBefore);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  const warnings = checked.diagnostics.filter((d) => d.severity !== 'error');
  return [...errors, ...byPosition(found.diagnostics), ...warnings];
}

/** Diagnostics by file, then line. */
function byPosition(diags: Diagnostic[]): Diagnostic[] {
  const keyed = diags.map((d) => ({
    d,
    name: d.src?.file.name ?? '',
    line: d.src ? d.src.file.locate(d.src.path).line : 0,
  }));
  keyed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.line - b.line));
  return keyed.map((k) => k.d);
}

/** The framework as named in the summary line: relative to the working directory like the file names. */
function shownRoot(root: string, cwd: string): string {
  return path.relative(cwd, root) === '' ? '.' : displayName(root, cwd);
}

/** Registers `validate`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check the framework files: YAML, schema and cross-references')
    .argument('[paths...]', 'frameworks to check (directories or files); default: the selected framework')
    .option('--format <format>', 'text (or table) | json | github', 'text')
    .option('--strict', 'also fail on warnings')
    .option(
      '--base <rev>',
      "also refuse changes since the git revision REV that rewrite the record: a ledger entry edited, removed or moved, an ended year's target or planned amount changed",
    )
    .option('--as-of <date>', 'with --base: the day whose ended years are kept (YYYY-MM-DD; default: today)')
    .action((paths: string[], opts: ValidateOptions, cmd: Command) => {
      setExit(runValidate(io, cmd.optsWithGlobals(), paths, opts));
    });
}
