import type { Command } from 'commander';
import type { Document } from '../document/blocks.js';
import { type FormatName, formatHelp, formatOf, WRITERS, type WriterEntry } from '../render/writers/index.js';
import { writeBinary } from './binary-out.js';
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
 * registry), options that read best after it (`after`) and, when `out` is given, `--out`, in the
 * order --help lists them.
 */
export function reportOptions(
  cmd: Command,
  help: { asOf: string; formats: readonly FormatName[]; out?: string },
  more: (cmd: Command) => Command = (c) => c,
  after: (cmd: Command) => Command = (c) => c,
): Command {
  after(
    more(cmd.option('--as-of <date>', help.asOf)).option(
      '--format <format>',
      formatHelp(help.formats),
      help.formats[0] as string,
    ),
  );
  if (help.out !== undefined) cmd.option('--out <file>', help.out);
  return cmd;
}

/** A report in the two shapes a format asks for: a document for the writers, or its JSON contract. */
export interface ReportViews {
  document: () => Document;
  json: () => string;
  /** The file a binary format is written to without --out: `<plan>-<kind>-<date>` (the extension is added). */
  file?: string;
}

/**
 * The report written in the format asked for: the document through the format's writer (terminal
 * colour only on a terminal, never in a file) to --out or stdout, or the JSON contract; a binary
 * format (Word) is loaded only now and always goes to a file.
 */
export function writeReport(
  io: Io,
  format: FormatName,
  views: ReportViews,
  opts: { out?: string | undefined; width?: number } = {},
): undefined | Promise<void> {
  const entry: WriterEntry = WRITERS[format];
  if (entry.kind === 'binary') {
    const file = opts.out ?? `${views.file ?? 'report'}.${entry.ext}`;
    if (file.trim() === '') throw new CliError('--out needs a file name', 2);
    return entry.load().then(async (write) => writeBinary(io, await write(views.document()), file));
  }
  const text =
    entry.kind === 'json'
      ? views.json()
      : entry.write(views.document(), {
          c: chalkFor(opts.out === undefined ? io : { ...io, color: false }),
          width: opts.width ?? widthOf(io),
        });
  emit(io, text, opts.out);
  return undefined;
}
