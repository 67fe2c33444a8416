import type { Command } from 'commander';
import { computeFunding } from '../../compute/funding.js';
import { fundingDocument } from '../../document/funding.js';
import { renderFundingJson } from '../../render/funding-json.js';
import { type GlobalOptions, type Io, loadValid, parseAsOf } from '../context.js';
import { parseReportFormat, type ReportOptions, reportOptions, writeReport } from '../report-command.js';

const FORMATS = ['table', 'json', 'csv', 'md'] as const;

/** The funding tables keep to 80 columns whatever the terminal: they split into narrower tables instead. */
const FUNDING_WIDTH = 80;

/** `funding`: pledges, contributions and fund balances as of a date, by source, contributor and year. */
export function runFunding(io: Io, global: GlobalOptions, opts: ReportOptions): number {
  // Usage errors first, before the framework is read.
  const format = parseReportFormat(opts.format, FORMATS);
  const asOf = parseAsOf(io, opts.asOf);
  const { framework } = loadValid(io, global);
  const report = computeFunding(framework, asOf);
  writeReport(
    io,
    format,
    { document: () => fundingDocument(report), json: () => renderFundingJson(report) },
    { out: opts.out, width: FUNDING_WIDTH },
  );
  return 0;
}

/** Registers `funding`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('funding')
    .description(
      'resources as of a date: pledged, received, outstanding, gap and cash balance by source, contributor and year',
    );
  reportOptions(cmd, {
    asOf: 'the date D (YYYY-MM-DD); only pledges, contributions and spending dated on or before D count (default: today)',
    formats: FORMATS,
    out: 'write the report to FILE instead of stdout',
  }).action((opts: ReportOptions, c: Command) => {
    setExit(runFunding(io, c.optsWithGlobals(), opts));
  });
}
