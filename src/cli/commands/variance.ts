import type { Command } from 'commander';
import { computeVariance } from '../../compute/variance.js';
import { varianceDocument } from '../../document/variance.js';
import type { Entry } from '../../model/framework.js';
import type { Basis, VarianceBy } from '../../model/reports.js';
import { renderVarianceJson } from '../../render/variance-json.js';
import { type GlobalOptions, type Io, loadValid, parseAsOf, parseChoice } from '../context.js';
import { parseReportFormat, type ReportOptions, reportOptions, writeReport } from '../report-command.js';

const BY = [
  'line',
  'result',
  'programme',
  'source',
  'category',
  'year',
] as const satisfies readonly VarianceBy[];
const BASES = ['pro-rata', 'year'] as const satisfies readonly Basis[];
const FORMATS = ['table', 'json', 'csv', 'md'] as const;

interface VarianceOptions extends ReportOptions {
  by?: string;
  basis?: string;
}

/** Variance reads spending only: the other entries are checked but not kept. */
const SPENDING: ReadonlySet<Entry['kind']> = new Set(['spend']);

/** `variance`: budget versus actual as of a date, rolled up by one link. */
export function runVariance(io: Io, global: GlobalOptions, opts: VarianceOptions): number {
  // Usage errors first, before the framework is read.
  const by = parseChoice('by', opts.by, BY, 'line');
  const basis = parseChoice('basis', opts.basis, BASES, 'pro-rata');
  const format = parseReportFormat(opts.format, FORMATS);
  const asOf = parseAsOf(io, opts.asOf);
  const { framework } = loadValid(io, global, { entryKinds: SPENDING });
  const report = computeVariance(framework, asOf, by, basis);
  writeReport(
    io,
    format,
    { document: () => varianceDocument(report), json: () => renderVarianceJson(report) },
    { out: opts.out },
  );
  return 0;
}

/** Registers `variance`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('variance')
    .description('budget versus actual as of a date, by line, result, programme, source, category or year');
  reportOptions(
    cmd,
    {
      asOf: 'the date D (YYYY-MM-DD); only spending dated on or before D counts (default: today)',
      formats: FORMATS,
      out: 'write the report to FILE instead of stdout',
    },
    (c) =>
      c
        .option('--by <link>', `roll up by ${BY.join(' | ')}`, 'line')
        .option(
          '--basis <basis>',
          "planned to date: pro-rata (D's year by days elapsed) | year (D's whole year)",
          'pro-rata',
        ),
  ).action((opts: VarianceOptions, c: Command) => {
    setExit(runVariance(io, c.optsWithGlobals(), opts));
  });
}
