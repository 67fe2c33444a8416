import type { Command } from 'commander';
import { computeFunding } from '../../compute/funding.js';
import { renderFundingCsv } from '../../render/funding-csv.js';
import { renderFundingJson } from '../../render/funding-json.js';
import { renderFundingMd } from '../../render/funding-md.js';
import { renderFundingTable } from '../../render/funding-table.js';
import {
  chalkFor,
  emit,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseFormat,
} from '../context.js';

const FORMATS = ['table', 'json', 'csv', 'md'] as const;

interface FundingOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `funding`: pledges, contributions and fund balances as of a date, by source, contributor and year. */
export function runFunding(io: Io, global: GlobalOptions, opts: FundingOptions): number {
  // Usage errors first, before the framework is read.
  const format = parseFormat(opts.format, FORMATS, 'table');
  const asOf = parseAsOf(io, opts.asOf);
  const { framework } = loadValid(io, global);
  const report = computeFunding(framework, asOf);
  const text =
    format === 'json'
      ? renderFundingJson(report)
      : format === 'csv'
        ? renderFundingCsv(report)
        : format === 'md'
          ? renderFundingMd(report)
          : renderFundingTable(report, chalkFor(opts.out === undefined ? io : { ...io, color: false }));
  emit(io, text, opts.out);
  return 0;
}

/** Registers `funding`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('funding')
    .description(
      'resources as of a date: pledged, received, outstanding, gap and cash balance by source, contributor and year',
    )
    .option(
      '--as-of <date>',
      'the date D (YYYY-MM-DD); only pledges, contributions and spending dated on or before D count (default: today)',
    )
    .option('--format <format>', 'table (or text) | json | csv | md', 'table')
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .action((opts: FundingOptions, cmd: Command) => {
      setExit(runFunding(io, cmd.optsWithGlobals(), opts));
    });
}
