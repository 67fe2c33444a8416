import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { computeWorkbook } from '../../compute/workbook.js';
import { binaryTarget, writeBinary } from '../binary-out.js';
import { CliError, type GlobalOptions, type Io, loadValid, parseAsOf, parseFormat } from '../context.js';
import { shownPath } from './report.js';

const FORMATS = ['xlsx', 'iati', 'parquet'] as const;

interface ExportOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `export`: the framework and its figures as a file for other tools (an Excel workbook, an IATI activity file). */
export async function runExport(
  io: Io,
  global: GlobalOptions,
  opts: ExportOptions,
  paths: string[] = [],
): Promise<number> {
  const format = parseFormat(opts.format, FORMATS, 'xlsx');
  if (paths.length > 0 && format !== 'parquet')
    throw new CliError(
      `export: framework paths (${paths.join(' ')}) are for --format parquet; use --framework PATH`,
      2,
    );
  // A workbook is a few million short-lived cells: a larger young generation lets them die young
  // instead of being copied from one semi-space to the other (a third of the time at 100,000
  // entries). Set before the framework is read, so the heap grows with it.
  setFlagsFromString('--max-semi-space-size=64');
  const asOf = parseAsOf(io, opts.asOf);
  if (format === 'parquet') {
    // Loaded only here, like the workbook writer.
    const { runParquet } = await import('./export-parquet.js');
    return runParquet(io, global, paths, asOf, opts.out);
  }
  const { framework, checked, root } = loadValid(io, global);
  if (format === 'iati') {
    const { runIati } = await import('./export-iati.js');
    return runIati(io, framework, root, asOf, opts.out);
  }
  const data = computeWorkbook(framework, asOf, {
    generated: io.today(),
    framework: shownPath(io.cwd, root),
    diagnostics: checked.diagnostics,
  });
  // Loaded only here: the workbook writer is the largest library of the CLI.
  const { exportWorkbook } = await import('../../export/xlsx.js');
  const fileOf = (name: string) =>
    path.relative(root, path.resolve(io.cwd, name)).split(path.sep).join('/') || path.basename(name);
  const bytes = await exportWorkbook(data, fileOf);
  writeBinary(io, bytes, binaryTarget(opts.out, data.report.plan.id, 'workbook', data.report.asOf, 'xlsx'));
  return 0;
}

/** Registers `export`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('export')
    .description(
      'the framework and its figures as an Excel workbook (summary, indicators, periods, budget, ledger), an IATI 2.03 activity file, or Parquet tables (entries, status, variance, funding) for DuckDB, Spark or any engine',
    )
    .argument(
      '[paths...]',
      'parquet: the frameworks of a portfolio, each row naming its framework (default: --framework)',
    )
    .option('--as-of <date>', 'figures as of this date (YYYY-MM-DD; default today)')
    .option('--format <format>', 'xlsx | iati | parquet', 'xlsx')
    .option(
      '--out <file>',
      'the file to write (xlsx default <plan>-workbook-<date>.xlsx; iati default stdout); parquet: the folder',
    )
    .action(async (paths: string[], opts: ExportOptions, cmd: Command) => {
      setExit(await runExport(io, cmd.optsWithGlobals(), opts, paths));
    });
}
