import type { Command } from 'commander';
import { buildHistory } from '../../ledger/history.js';
import { buildResourceHistory } from '../../ledger/history-resources.js';
import { suggest } from '../../normalise/schema-issues.js';
import { renderHistoryJson, renderHistoryTable } from '../../render/history.js';
import { renderResourceHistoryJson, renderResourceHistoryTable } from '../../render/history-resources.js';
import {
  CliError,
  chalkFor,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseFormat,
  widthOf,
} from '../context.js';

const FORMATS = ['table', 'json'] as const;

interface HistoryOptions {
  asOf?: string;
  format?: string;
}

/** `history ID`: every ledger entry of an indicator or budget line in date order, standing or corrected, with file:line. */
export function runHistory(io: Io, global: GlobalOptions, id: string, opts: HistoryOptions): number {
  const format = parseFormat(opts.format, FORMATS, 'table');
  const asOf = parseAsOf(io, opts.asOf);
  const { framework } = loadValid(io, global);
  const h = buildHistory(framework, id, asOf);
  if (!h) {
    const r = buildResourceHistory(framework, id, asOf);
    if (r) {
      io.out(format === 'json' ? renderResourceHistoryJson(r) : renderResourceHistoryTable(r, chalkFor(io)));
      return 0;
    }
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
  io.out(format === 'json' ? renderHistoryJson(h) : renderHistoryTable(h, chalkFor(io), widthOf(io)));
  return 0;
}

/** Registers `history`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('history')
    .description(
      'the audit trail of an indicator, budget line, funding source or contributor: every entry, which stand and which were corrected',
    )
    .argument('<id>', 'indicator, budget line, funding source or contributor id')
    .option('--as-of <date>', 'only entries dated on or before this day (default: today)')
    .option('--format <format>', 'table (or text) | json', 'table')
    .action((id: string, opts: HistoryOptions, cmd: Command) => {
      setExit(runHistory(io, cmd.optsWithGlobals(), id, opts));
    });
}
