import path from 'node:path';
import type { Command } from 'commander';
import { computeReport, type ReportData } from '../../compute/report.js';
import { renderReportHtml } from '../../render/report-html.js';
import { renderReportJson } from '../../render/report-json.js';
import { renderReportMd } from '../../render/report-md.js';
import { renderReportText } from '../../render/report-text.js';
import {
  chalkFor,
  emit,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseFormat,
} from '../context.js';

const FORMATS = ['text', 'md', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ReportOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `report`: the meeting report in one of four formats, to stdout or --out. */
export function runReport(io: Io, global: GlobalOptions, opts: ReportOptions): number {
  const format = parseFormat(opts.format, FORMATS, 'text');
  const asOf = parseAsOf(io, opts.asOf);
  const { framework, checked, root } = loadValid(io, global);
  const data = computeReport(framework, asOf, {
    generated: io.today(),
    framework: shownPath(io.cwd, root),
    diagnostics: checked.diagnostics,
  });
  // A file never gets terminal colour codes.
  const color = io.color && opts.out === undefined;
  emit(io, render(format, data, { ...io, color }), opts.out);
  return 0;
}

function render(format: Format, data: ReportData, io: Io): string {
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
function shownPath(cwd: string, root: string): string {
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
    .option('--format <format>', 'text (or table) | md | html | json', 'text')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .action((opts: ReportOptions, cmd: Command) => {
      setExit(runReport(io, cmd.optsWithGlobals(), opts));
    });
}
