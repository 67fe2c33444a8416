import type { Command } from 'commander';
import type { Document } from '../document/blocks.js';
import { type FormatName, formatHelp, formatOf, WRITERS } from '../render/writers/index.js';
import { CliError, chalkFor, emit, type Io, widthOf } from './context.js';

/** The plumbing every report command shares: --as-of, --format from the writer registry, --out, and writing the report. */

/** The options every report command takes. */
export interface ReportOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** Checks --format against a command's formats (the first is the default); anything else is a usage error. */
export function parseReportFormat<T extends FormatName>(value: string | undefined, names: readonly T[]): T {
  if (value === undefined) return names[0] as T;
  const name = formatOf(value, names);
  if (name === undefined)
    throw new CliError(`--format must be one of ${names.join(', ')}, not "${value}"`, 2);
  return name;
}

/**
 * Adds `--as-of`, the command's own options (`more`), `--format` (its help read from the
 * registry) and, when `out` is given, `--out`, in the order --help lists them.
 */
export function reportOptions(
  cmd: Command,
  help: { asOf: string; formats: readonly FormatName[]; out?: string },
  more: (cmd: Command) => Command = (c) => c,
): Command {
  more(cmd.option('--as-of <date>', help.asOf)).option(
    '--format <format>',
    formatHelp(help.formats),
    help.formats[0] as string,
  );
  if (help.out !== undefined) cmd.option('--out <file>', help.out);
  return cmd;
}

/** A report in the two shapes a format asks for: a document for the writers, or its JSON contract. */
export interface ReportViews {
  document: () => Document;
  json: () => string;
}

/**
 * The report written in a text format, to --out or stdout: the document through the format's
 * writer (terminal colour only on a terminal, never in a file), or the JSON contract.
 */
export function writeReport(
  io: Io,
  format: FormatName,
  views: ReportViews,
  opts: { out?: string | undefined; width?: number } = {},
): void {
  const entry = WRITERS[format];
  const text =
    entry.kind === 'json'
      ? views.json()
      : entry.write(views.document(), {
          c: chalkFor(opts.out === undefined ? io : { ...io, color: false }),
          width: opts.width ?? widthOf(io),
        });
  emit(io, text, opts.out);
}
