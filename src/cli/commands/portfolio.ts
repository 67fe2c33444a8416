import path from 'node:path';
import type { Command } from 'commander';
import { computePortfolio, type PortfolioMember } from '../../compute/portfolio.js';
import { displayName } from '../../load/files.js';
import { linkTo, realPath } from '../../load/portfolio.js';
import { hasErrors } from '../../model/diagnostics.js';
import { formatCounts, formatText } from '../../render/diagnostics.js';
import {
  renderPortfolioCsv,
  renderPortfolioJson,
  renderPortfolioMd,
  renderPortfolioTable,
} from '../../render/portfolio.js';
import {
  CliError,
  chalkFor,
  emit,
  errWidthOf,
  type GlobalOptions,
  type Io,
  loadValid,
  parseAsOf,
  parseFormat,
  widthOf,
} from '../context.js';

const FORMATS = ['table', 'json', 'csv', 'md'] as const;

interface PortfolioOptions {
  asOf?: string;
  format?: string;
  out?: string;
}

/** `portfolio PARENT CHILD...`: the parent's indicators as the frameworks that contribute to it report them. */
export function runPortfolio(io: Io, global: GlobalOptions, paths: string[], opts: PortfolioOptions): number {
  const format = parseFormat(opts.format, FORMATS, 'table');
  const asOf = parseAsOf(io, opts.asOf);
  const seen = new Map<string, string>();
  for (const p of paths) {
    if (p.trim() === '') throw new CliError('portfolio: a framework path is empty', 2);
    const real = realPath(path.resolve(io.cwd, p));
    const first = seen.get(real);
    if (first !== undefined)
      throw new CliError(
        `portfolio: ${p} is the same framework as ${first}; each is given once (it would be counted twice)`,
        2,
      );
    seen.set(real, p);
  }
  // Every framework is read and checked as on its own: one with errors refuses the portfolio.
  const loaded = paths.map((p) => loadValid(io, { ...global, framework: p }));
  const [parent, ...children] = loaded as [(typeof loaded)[number], ...typeof loaded];
  const members: PortfolioMember[] = children.map((c) => ({
    framework: c.framework,
    path: displayName(c.root, io.cwd),
    link: linkTo(c.framework, c.root, parent.root),
  }));
  const report = computePortfolio(parent.framework, displayName(parent.root, io.cwd), members, asOf);
  const c = chalkFor({ ...io, color: false });
  if (hasErrors(report.diagnostics)) {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    io.err(formatText(errors, c, parent.root, errWidthOf(io)));
    throw new CliError(
      `the portfolio has ${formatCounts(errors).split(',')[0]}; nothing is added up until they are fixed`,
      1,
    );
  }
  const text =
    format === 'json'
      ? renderPortfolioJson(report)
      : format === 'csv'
        ? renderPortfolioCsv(report)
        : format === 'md'
          ? renderPortfolioMd(report)
          : renderPortfolioTable(report, chalkFor(io), widthOf(io));
  // Warnings first: whoever reads the figures has been told what they leave out.
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length) io.err(formatText(warnings, c, parent.root, errWidthOf(io)));
  emit(io, text, opts.out);
  return 0;
}

/** Registers `portfolio`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('portfolio')
    .description(
      "a parent framework's indicators rolled up from the frameworks that contribute to it (plan.contributes_to): the portfolio actual, each contributor's share, status against the parent's targets",
    )
    .argument('<paths...>', 'the parent framework, then the frameworks that contribute to it')
    .option('--as-of <date>', 'figures as of this date (YYYY-MM-DD; default today)')
    .option('--format <format>', 'table | json | csv | md', 'table')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((paths: string[], opts: PortfolioOptions, cmd: Command) => {
      setExit(runPortfolio(io, cmd.optsWithGlobals(), paths, opts));
    });
}
