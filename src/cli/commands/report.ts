import path from 'node:path';
import type { Command } from 'commander';
import { computeReport, type ReportData } from '../../compute/report.js';
import { renderReportHtml } from '../../render/report-html.js';
import { renderReportJson } from '../../render/report-json.js';
import { renderReportMd } from '../../render/report-md.js';
import { renderReportText } from '../../render/report-text.js';
import { binaryTarget, writeBinary } from '../binary-out.js';
import {
  chalkFor,
  emit,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseFormat,
} from '../context.js';

const FORMATS = ['text', 'md', 'html', 'json', 'docx'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `report`: the meeting report in one of five formats, to stdout or --out (docx: always a file). */
export async function runReport(io: Io, global: GlobalOptions, opts: ReportOptions): Promise<number> {
  const format = parseFormat(opts.format, FORMATS, 'text');
  const asOf = parseAsOf(io, opts.asOf);
  const { framework, checked, root } = loadValid(io, global);
  const data = computeReport(framework, asOf, {
    generated: io.today(),
    framework: shownPath(io.cwd, root),
    diagnostics: checked.diagnostics,
  });
  if (format === 'docx') {
    // Loaded only here: the Word writer and the SVG rasteriser are the heaviest code of the CLI.
    const { renderReportDocx } = await import('../../render/report-docx.js');
    const file = binaryTarget(opts.out, data.plan.id, 'report', data.asOf, 'docx');
    writeBinary(io, await renderReportDocx(data), file);
    return 0;
  }
  // A file never gets terminal colour codes.
  const color = io.color && opts.out === undefined;
  emit(io, render(format, data, { ...io, color }), opts.out);
  return 0;
}

function render(format: Exclude<Format, 'docx'>, data: ReportData, io: Io): string {
  switch (format) {
    case 'text':
      return renderReportText(data, chalkFor(io));
    case 'md':
      return renderReportMd(data);
    case 'html':
      return renderReportHtml(data);
    case 'json':
      return renderReportJson(data);
  }
}

/** The framework path relative to the working directory when it lies below it (stable across machines). */
export function shownPath(cwd: string, root: string): string {
  const rel = path.relative(cwd, root);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? root : rel;
  return shown.split(path.sep).join('/');
}

/** Registers `report`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('report')
    .description(
      'the meeting report: summary, status by programme area, budget versus actual, data-quality notes',
    )
    .option('--as-of <date>', 'report as of this date (YYYY-MM-DD; default today)')
    .option('--format <format>', 'text (or table) | md | html | json | docx', 'text')
    .option(
      '--out <file>',
      'write the report to a file instead of stdout (docx: default <plan>-report-<date>.docx)',
    )
    .action(async (opts: ReportOptions, cmd: Command) => {
      setExit(await runReport(io, cmd.optsWithGlobals(), opts));
    });
}
