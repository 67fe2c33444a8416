import path from 'node:path';
import type { Command } from 'commander';
import { computePortfolio, type PortfolioMember, type PortfolioReport } from '../../compute/portfolio.js';
import type { Day } from '../../core/dates.js';
import { displayName } from '../../load/files.js';
import { linkTo, realPath } from '../../load/portfolio.js';
import { hasErrors } from '../../model/diagnostics.js';
import type { Framework } from '../../model/framework.js';
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
  const [parentPath, ...childPaths] = paths as [string, ...string[]];
  distinct(io, paths);
  const parent = loadValid(io, { ...global, framework: parentPath });
  const report = portfolioOf(io, global, parent.framework, parent.root, childPaths, asOf);
  const text =
    format === 'json'
      ? renderPortfolioJson(report)
      : format === 'csv'
        ? renderPortfolioCsv(report)
        : format === 'md'
          ? renderPortfolioMd(report)
          : renderPortfolioTable(report, chalkFor(io), widthOf(io));
  emit(io, text, opts.out);
  return 0;
}

/** Each framework is given once: the same one twice would be counted twice. */
function distinct(io: Io, paths: readonly string[]): void {
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
}

/**
 * The portfolio of `parent` (read from `parentRoot`) and the frameworks at `childPaths`, each read
 * and checked as on its own; errors refuse it (exit 1), warnings go to stderr first. Used by
 * `portfolio` and by `report --portfolio`.
 */
export function portfolioOf(
  io: Io,
  global: GlobalOptions,
  parent: Framework,
  parentRoot: string,
  childPaths: readonly string[],
  asOf: Day,
): PortfolioReport {
  distinct(io, [parentRoot, ...childPaths]);
  const members: PortfolioMember[] = childPaths.map((p) => {
    const c = loadValid(io, { ...global, framework: p });
    return {
      framework: c.framework,
      path: displayName(c.root, io.cwd),
      link: linkTo(c.framework, c.root, parentRoot),
    };
  });
  const report = computePortfolio(parent, displayName(parentRoot, io.cwd), members, asOf);
  const c = chalkFor({ ...io, color: false });
  if (hasErrors(report.diagnostics)) {
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    io.err(formatText(errors, c, parentRoot, errWidthOf(io)));
    throw new CliError(
      `the portfolio has ${formatCounts(errors).split(',')[0]}; nothing is added up until they are fixed`,
      1,
    );
  }
  // Warnings first: whoever reads the figures has been told what they leave out.
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning');
  if (warnings.length) io.err(formatText(warnings, c, parentRoot, errWidthOf(io)));
  return report;
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
