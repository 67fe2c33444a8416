import type { Command } from 'commander';
import { explainIndicator } from '../../compute/explain.js';
import { computeStatus, STATUSES, type StatusFilter } from '../../compute/status.js';
import type { Entry, Framework } from '../../model/framework.js';
import type { Status } from '../../model/reports.js';
import { suggest } from '../../normalise/schema-issues.js';
import { renderStatusCsv } from '../../render/status-csv.js';
import { renderExplain } from '../../render/status-explain.js';
import { renderStatusJson } from '../../render/status-json.js';
import { renderStatusMd } from '../../render/status-md.js';
import { renderStatusTable } from '../../render/status-table.js';
import {
  CliError,
  chalkFor,
  emit,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  widthOf,
} from '../context.js';
import { parseReportFormat, type ReportOptions, reportOptions } from '../report-command.js';

const FORMATS = ['table', 'json', 'csv', 'md'] as const;

interface StatusOptions extends ReportOptions {
  programme?: string;
  result?: string;
  status?: string[];
  explain?: string;
}

function parseStatuses(values: string[] | undefined): Status[] | undefined {
  if (!values || values.length === 0) return undefined;
  const out: Status[] = [];
  for (const v of values
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean)) {
    if (!(STATUSES as readonly string[]).includes(v)) {
      throw new CliError(
        `--status must be one or more of ${STATUSES.join(', ')}, not "${v}"${suggest(v, STATUSES)}`,
        2,
      );
    }
    out.push(v as Status);
  }
  return out;
}

/** An unknown id in a filter or --explain is refused with the nearest known one. */
function known(kind: string, option: string, id: string, ids: string[]): void {
  if (!ids.includes(id)) throw new CliError(`${option}: no ${kind} "${id}"${suggest(id, ids)}`, 2);
}

function filterOf(fw: Framework, opts: StatusOptions, status: Status[] | undefined): StatusFilter {
  const f: StatusFilter = {};
  if (opts.programme !== undefined) {
    known(
      'programme',
      '--programme',
      opts.programme,
      fw.programmes.map((p) => p.id),
    );
    f.programme = opts.programme;
  }
  if (opts.result !== undefined) {
    known(
      'result',
      '--result',
      opts.result,
      fw.results.map((r) => r.id),
    );
    f.result = opts.result;
  }
  if (status) f.status = status;
  return f;
}

const RESULTS: ReadonlySet<Entry['kind']> = new Set(['result']);

/** `status`: indicator status as of a date, or with --explain every step of one indicator. */
export function runStatus(io: Io, global: GlobalOptions, opts: StatusOptions): number {
  // Usage errors first, before the framework is read.
  const format = parseReportFormat(opts.format, FORMATS);
  const asOf = parseAsOf(io, opts.asOf);
  const statuses = parseStatuses(opts.status);
  // Status reads result entries only: the others are checked but not kept.
  const { framework } = loadValid(io, global, { entryKinds: RESULTS });
  const c = chalkFor(opts.out === undefined ? io : { ...io, color: false });
  if (opts.explain !== undefined) {
    known(
      'indicator',
      '--explain',
      opts.explain,
      framework.indicators.map((i) => i.id),
    );
    const x = explainIndicator(framework, opts.explain, asOf);
    if (x) emit(io, renderExplain(x, c, widthOf(io)), opts.out);
    return 0;
  }
  const report = computeStatus(framework, asOf, filterOf(framework, opts, statuses));
  for (const s of report.indicators) for (const w of s.warnings) io.err(`warning: ${w}\n`);
  const text =
    format === 'json'
      ? renderStatusJson(report)
      : format === 'csv'
        ? renderStatusCsv(report)
        : format === 'md'
          ? renderStatusMd(report)
          : renderStatusTable(report, c, widthOf(io));
  emit(io, text, opts.out);
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Registers `status`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('status')
    .description('indicator status as of a date: actual against the target curve, progress, forecast');
  reportOptions(
    cmd,
    {
      asOf: 'report as of this date, YYYY-MM-DD (default: today)',
      formats: FORMATS,
      out: 'write to a file instead of stdout',
    },
    (c) =>
      c
        .option('--programme <id>', 'only indicators of this programme area')
        .option('--result <id>', 'only indicators of this result and the results below it')
        .option(
          '--status <status>',
          'only these statuses: on-track, at-risk, off-track, no-data (repeat or comma-separate)',
          collect,
          [],
        ),
    (c) => c.option('--explain <id>', 'print every input and step of one indicator’s figures'),
  ).action((opts: StatusOptions, c: Command) => {
    setExit(runStatus(io, c.optsWithGlobals(), opts));
  });
}
