import path from 'node:path';
import type { Command } from 'commander';
import { computeReport, type ReportData } from '../../compute/report.js';
import { type Day, formatDate, parseDate } from '../../core/dates.js';
import type { Framework } from '../../model/framework.js';
import { suggest } from '../../normalise/schema-issues.js';
import { renderReportHtml } from '../../render/report-html.js';
import { renderReportJson } from '../../render/report-json.js';
import { renderReportMd } from '../../render/report-md.js';
import { renderReportText } from '../../render/report-text.js';
import { binaryTarget, writeBinary } from '../binary-out.js';
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

const FORMATS = ['text', 'md', 'html', 'json', 'docx'] as const;
type Format = (typeof FORMATS)[number];

interface MeetingReportOptions extends ReportOptions {
  since?: string;
  portfolio?: string[];
}

/** `report`: the meeting report in one of five formats, to stdout or --out (docx: always a file). */
export async function runReport(io: Io, global: GlobalOptions, opts: MeetingReportOptions): Promise<number> {
  const format = parseReportFormat(opts.format, FORMATS);
  const asOf = parseAsOf(io, opts.asOf);
  const { framework, checked, root } = loadValid(io, global);
  const data = computeReport(framework, asOf, {
    generated: io.today(),
    framework: shownPath(io.cwd, root),
    diagnostics: checked.diagnostics,
    since: parseSince(framework, opts.since, asOf),
  });
  if (opts.portfolio?.length) {
    // The frameworks that contribute to this one: a portfolio section after the status by programme.
    const { portfolioOf } = await import('./portfolio.js');
    data.portfolio = portfolioOf(io, global, framework, root, opts.portfolio, asOf);
  }
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
      return renderReportText(data, chalkFor(io), widthOf(io));
    case 'md':
      return renderReportMd(data);
    case 'html':
      return renderReportHtml(data);
    case 'json':
      return renderReportJson(data);
  }
}

/**
 * --since DATE|MEETING: a calendar date or a meeting id (its date), before the as-of day; anything
 * else is a usage error. Absent: undefined, so the report compares with the latest meeting before D.
 */
export function parseSince(
  fw: Framework,
  value: string | undefined,
  asOf: Day,
): { date: Day; meeting: string | null } | undefined {
  if (value === undefined) return undefined;
  const meeting = fw.meetings.find((m) => m.id === value);
  const date = meeting ? meeting.date : parseDate(value);
  if (date === null) {
    const ids = fw.meetings.map((m) => m.id);
    throw new CliError(
      `--since "${value}" is neither a date (YYYY-MM-DD) nor a meeting${ids.length ? ` (${ids.join(', ')})` : ' (plan.meetings lists none)'}${suggest(value, ids)}`,
      2,
    );
  }
  if (date >= asOf) {
    throw new CliError(
      `--since ${value}${meeting ? ` (${formatDate(date)})` : ''} is not before the report date ${formatDate(asOf)}`,
      2,
    );
  }
  return { date, meeting: meeting ? meeting.id : null };
}

/** The framework path relative to the working directory when it lies below it (stable across machines). */
export function shownPath(cwd: string, root: string): string {
  const rel = path.relative(cwd, root);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? root : rel;
  return shown.split(path.sep).join('/');
}

/** Registers `report`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('report')
    .description(
      'the meeting report: summary, status by programme area, budget versus actual, data-quality notes',
    );
  reportOptions(
    cmd,
    {
      asOf: 'report as of this date (YYYY-MM-DD; default today)',
      formats: FORMATS,
      out: 'write the report to a file instead of stdout (docx: default <plan>-report-<date>.docx)',
    },
    (c) =>
      c
        .option(
          '--since <date|meeting>',
          'also show what changed since this date or meeting (default: the latest meeting before the report date)',
        )
        .option(
          '--portfolio <paths...>',
          "add a portfolio section: this framework's indicators rolled up from these contributing frameworks (as `portfolio`)",
        ),
  ).action(async (opts: MeetingReportOptions, c: Command) => {
    setExit(await runReport(io, c.optsWithGlobals(), opts));
  });
}
