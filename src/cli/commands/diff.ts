import type { Command } from 'commander';
import { computeDiff } from '../../compute/diff.js';
import { civil } from '../../core/dates.js';
import { DIFF_COMMENT_MARK, diffDocument } from '../../document/diff.js';
import { hasErrors } from '../../model/diagnostics.js';
import { formatCounts, formatText } from '../../render/diagnostics.js';
import { renderDiffJson } from '../../render/diff-json.js';
import { writeMd } from '../../render/writers/md.js';
import { writeText } from '../../render/writers/text.js';
import { compareWithBase } from '../../rules/base.js';
import {
  CliError,
  chalkFor,
  check,
  emit,
  errWidthOf,
  frameworkPath,
  type GlobalOptions,
  type Io,
  parseAsOf,
  parseFormat,
  widthOf,
} from '../context.js';
import { type LoadedSide, loadRevision, sideOf } from '../revision.js';

const FORMATS = ['text', 'md', 'json'] as const;

interface DiffOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `diff REV [REV2]`: what the change from REV to REV2 (default: the working tree) does to the framework and its figures. */
export function runDiff(
  io: Io,
  global: GlobalOptions,
  rev: string,
  rev2: string | undefined,
  opts: DiffOptions,
): number {
  const format = parseFormat(opts.format, FORMATS, 'text');
  const asOf = parseAsOf(io, opts.asOf);
  const root = frameworkPath(io, global);
  const head: LoadedSide =
    rev2 === undefined
      ? sideOf(check(io, global, { keepParsed: true }), 'the working tree')
      : loadRevision(io, root, rev2);
  const base = loadRevision(io, root, rev);
  const after = valid(io, head, rev2 === undefined ? 'The framework' : `The framework at ${rev2}`);
  const before = base.exists ? valid(io, base, `The framework at ${rev}`) : undefined;
  const found = compareWithBase(rev, base, head, civil(asOf).y);
  const report = computeDiff(
    { base: rev, head: rev2 ?? null, before, after, appended: found.appended, rewrites: found.diagnostics },
    asOf,
  );
  // Markdown is a pull-request comment: its first line is the mark a workflow finds it by.
  const text =
    format === 'json'
      ? renderDiffJson(report)
      : format === 'md'
        ? `${DIFF_COMMENT_MARK}\n${writeMd(diffDocument(report))}`
        : writeText(diffDocument(report), {
            c: chalkFor(opts.out === undefined ? io : { ...io, color: false }),
            width: widthOf(io),
          });
  emit(io, text, opts.out);
  return 0;
}

/** A side's framework; its errors are printed and refused: figures of an invalid framework mean nothing. */
function valid(io: Io, side: LoadedSide, name: string) {
  const { checked } = side;
  if (checked.framework && !hasErrors(checked.diagnostics)) return checked.framework;
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  io.err(formatText(errors, chalkFor({ ...io, color: false }), name, errWidthOf(io)));
  throw new CliError(
    `${name} has ${formatCounts(errors).split(',')[0]}; diff compares two valid frameworks`,
    1,
  );
}

/** Registers `diff`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description(
      'what a change does: the framework changes, the ledger entries appended and the figures that move, from git revision REV to REV2 (default: the working tree)',
    )
    .argument('<rev>', 'the git revision to compare with (e.g. origin/main)')
    .argument('[rev2]', 'the other revision (default: the working tree)')
    .option('--as-of <date>', 'the date D of the figures (YYYY-MM-DD; default: today)')
    .option('--format <format>', 'text | md (a pull-request comment) | json', 'text')
    .option('--out <file>', 'write the diff to FILE instead of stdout')
    .action((rev: string, rev2: string | undefined, opts: DiffOptions, cmd: Command) => {
      setExit(runDiff(io, cmd.optsWithGlobals(), rev, rev2, opts));
    });
}
