import type { Command } from 'commander';
import { buildHistory } from '../../compute/history.js';
import { buildResourceHistory } from '../../compute/history-resources.js';
import { historyDocument, resourceHistoryDocument } from '../../document/history.js';
import { suggest } from '../../normalise/schema-issues.js';
import { renderHistoryJson, renderResourceHistoryJson } from '../../render/history-json.js';
import { CliError, type GlobalOptions, type Io, loadValid, parseAsOf } from '../context.js';
import {
  parseReportFormat,
  type ReportOptions,
  type ReportViews,
  reportOptions,
  writeReport,
} from '../report-command.js';

const FORMATS = ['table', 'json'] as const;

/** `history ID`: every ledger entry of an indicator or budget line in date order, standing or corrected, with file:line. */
export function runHistory(io: Io, global: GlobalOptions, id: string, opts: ReportOptions): number {
  const format = parseReportFormat(opts.format, FORMATS);
  const asOf = parseAsOf(io, opts.asOf);
  const { framework } = loadValid(io, global);
  const views = (): ReportViews | undefined => {
    const h = buildHistory(framework, id, asOf);
    if (h) return { document: () => historyDocument(h), json: () => renderHistoryJson(h) };
    const r = buildResourceHistory(framework, id, asOf);
    if (r) return { document: () => resourceHistoryDocument(r), json: () => renderResourceHistoryJson(r) };
    return undefined;
  };
  const found = views();
  if (!found) {
    const ids = [
      ...framework.indicators.map((i) => i.id),
      ...framework.lines.map((l) => l.id),
      ...framework.sources.map((s) => s.id),
      ...framework.contributors.map((c) => c.id),
    ];
    throw new CliError(
      `"${id}" is not an indicator, budget line, funding source or contributor${suggest(id, ids)}`,
      2,
    );
  }
  writeReport(io, format, found);
  return 0;
}

/** Registers `history`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const cmd = program
    .command('history')
    .description(
      'the audit trail of an indicator, budget line, funding source or contributor: every entry, which stand and which were corrected',
    )
    .argument('<id>', 'indicator, budget line, funding source or contributor id');
  reportOptions(cmd, {
    asOf: 'only entries dated on or before this day (default: today)',
    formats: FORMATS,
  }).action((id: string, opts: ReportOptions, c: Command) => {
    setExit(runHistory(io, c.optsWithGlobals(), id, opts));
  });
}
