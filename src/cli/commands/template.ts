import path from 'node:path';
import type { Command } from 'commander';
import { computeTemplate } from '../../compute/template.js';
import { parsePeriod } from '../../core/periods.js';
import { binaryTarget, writeBinary } from '../binary-out.js';
import { CliError, emit, type GlobalOptions, type Io, loadValid, parseAsOf } from '../context.js';

interface TemplateOptions {
  period: string;
  programme?: string;
  out?: string;
  asOf?: string;
}

/** `template`: the data-collection sheet of a reporting round, as .xlsx (default) or .csv. */
export async function runTemplate(io: Io, global: GlobalOptions, opts: TemplateOptions): Promise<number> {
  const round = parsePeriod(opts.period);
  if (round === null) {
    throw new CliError(`--period "${opts.period}" is not a period (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)`, 2);
  }
  const asOf = parseAsOf(io, opts.asOf);
  const csv = opts.out !== undefined && /\.csv$/i.test(opts.out);
  if (opts.out !== undefined && opts.out !== '-' && !csv && !/\.xlsx$/i.test(opts.out)) {
    throw new CliError(`--out "${opts.out}" must end in .xlsx or .csv`, 2);
  }
  const { framework, root } = loadValid(io, global);
  if (csv) {
    // Every CSV file inside a framework directory is read as a ledger: a template there would break it.
    const rel = path.relative(root, path.resolve(io.cwd, opts.out as string));
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
      throw new CliError(
        `--out ${opts.out} lies inside the framework, where every CSV file is read as a ledger: write the sheet elsewhere`,
        2,
      );
    }
  }
  if (opts.programme !== undefined && !framework.programmes.some((p) => p.id === opts.programme)) {
    const known = framework.programmes.map((p) => p.id).join(', ');
    throw new CliError(`--programme ${opts.programme} is not a programme area of the plan (${known})`, 2);
  }
  if (round.year < framework.plan.start || round.year > framework.plan.end) {
    throw new CliError(
      `--period ${opts.period} lies outside the plan years (${framework.plan.start}–${framework.plan.end})`,
      2,
    );
  }
  const t = computeTemplate(framework, round, asOf, opts.programme);
  if (t.rows.length === 0) io.err(`note: no indicator has a period ending within ${t.round}\n`);
  const { templateCsv, templateXlsx } = await import('../../export/template.js');
  if (csv) {
    emit(io, templateCsv(t), opts.out);
    return 0;
  }
  const name = opts.programme ? `template-${opts.programme}` : 'template';
  writeBinary(io, await templateXlsx(t), binaryTarget(opts.out, t.plan.id, name, t.round, 'xlsx'));
  return 0;
}

/** Registers `template`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('template')
    .description('a data-collection sheet for a reporting round: the figures due, to fill in and `import`')
    .requiredOption('--period <period>', 'the round: YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM')
    .option('--programme <id>', 'only the indicators and budget lines of this programme area')
    .option('--out <file>', 'FILE.xlsx (default <plan>-template-<period>.xlsx) or FILE.csv')
    .option('--as-of <date>', 'last values as of this date (default today)')
    .action(async (opts: TemplateOptions, cmd: Command) => {
      setExit(await runTemplate(io, cmd.optsWithGlobals(), opts));
    });
}
