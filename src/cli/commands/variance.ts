import type { Command } from 'commander';
import { computeVariance } from '../../compute/variance.js';
import type { Entry } from '../../model/framework.js';
import type { Basis, VarianceBy } from '../../model/reports.js';
import { renderVarianceCsv } from '../../render/variance-csv.js';
import { renderVarianceJson } from '../../render/variance-json.js';
import { renderVarianceMd } from '../../render/variance-md.js';
import { renderVarianceTable } from '../../render/variance-table.js';
import {
  chalkFor,
  emit,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseChoice,
  parseFormat,
  widthOf,
} from '../context.js';

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

interface VarianceOptions {
  asOf?: string;
  by?: string;
  basis?: string;
  format?: string;
  out?: string;
}

/** `variance`: budget versus actual as of a date, rolled up by one link. */
const SPENDING: ReadonlySet<Entry['kind']> = new Set(['spend']);

export function runVariance(io: Io, global: GlobalOptions, opts: VarianceOptions): number {
  // Usage errors first, before the framework is read.
  const by = parseChoice('by', opts.by, BY, 'line');
  const basis = parseChoice('basis', opts.basis, BASES, 'pro-rata');
  const format = parseFormat(opts.format, FORMATS, 'table');
  const asOf = parseAsOf(io, opts.asOf);
  // Variance reads spending only: the other entries are checked but not kept.
  const { framework } = loadValid(io, global, { entryKinds: SPENDING });
  const report = computeVariance(framework, asOf, by, basis);
  const text =
    format === 'json'
      ? renderVarianceJson(report)
      : format === 'csv'
        ? renderVarianceCsv(report)
        : format === 'md'
          ? renderVarianceMd(report)
          : renderVarianceTable(
              report,
              chalkFor(opts.out === undefined ? io : { ...io, color: false }),
              widthOf(io),
            );
  emit(io, text, opts.out);
  return 0;
}

/** Registers `variance`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('variance')
    .description('budget versus actual as of a date, by line, result, programme, source, category or year')
    .option(
      '--as-of <date>',
      'the date D (YYYY-MM-DD); only spending dated on or before D counts (default: today)',
    )
    .option('--by <link>', `roll up by ${BY.join(' | ')}`, 'line')
    .option(
      '--basis <basis>',
      "planned to date: pro-rata (D's year by days elapsed) | year (D's whole year)",
      'pro-rata',
    )
    .option('--format <format>', 'table (or text) | json | csv | md', 'table')
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .action((opts: VarianceOptions, cmd: Command) => {
      setExit(runVariance(io, cmd.optsWithGlobals(), opts));
    });
}
