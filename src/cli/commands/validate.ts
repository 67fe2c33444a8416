import path from 'node:path';
import type { Command } from 'commander';
import { pushAll } from '../../core/arrays.js';
import { displayName } from '../../load/files.js';
import type { Diagnostic } from '../../model/diagnostics.js';
import {
  formatCounts,
  formatGithub,
  formatGithubSummary,
  formatJson,
  formatText,
} from '../../render/diagnostics.js';
import { chalkFor, check, type GlobalOptions, type Io, parseFormat, widthOf } from '../context.js';

const FORMATS = ['text', 'json', 'github'] as const;

interface ValidateOptions {
  format?: string;
  strict?: boolean;
}

/** `validate [PATH...]`: every framework given (default: the selected one), exit 1 on errors (or warnings with --strict). */
export function runValidate(io: Io, global: GlobalOptions, paths: string[], opts: ValidateOptions): number {
  const format = parseFormat(opts.format, FORMATS, 'text');
  const targets = paths.length > 0 ? paths : [undefined];
  const all: Diagnostic[] = [];
  const c = chalkFor(io);
  const reports: { root: string; diagnostics: Diagnostic[] }[] = [];
  for (const target of targets) {
    const checked = check(io, target === undefined ? global : { ...global, framework: target });
    reports.push({ root: shownRoot(checked.root, io.cwd), diagnostics: checked.diagnostics });
    pushAll(all, checked.diagnostics);
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
    .action((paths: string[], opts: ValidateOptions, cmd: Command) => {
      setExit(runValidate(io, cmd.optsWithGlobals(), paths, opts));
    });
}
