import type { Command } from 'commander';
import { standingChanges, standingText } from '../../compute/standing.js';
import { formatDate, parseDate } from '../../core/dates.js';
import { parsePeriod } from '../../core/periods.js';
import type { EntryRequest } from '../../ledger/entry.js';
import { LockTimeout } from '../../ledger/lock.js';
import { Refusal, recordEntry } from '../../ledger/record.js';
import { decimalArgument } from '../../ledger/scalar.js';
import { holdsFramework } from '../../load/files.js';
import type { Framework } from '../../model/framework.js';
import { formatText } from '../../render/diagnostics.js';
import { RESULT_ENTRY_KEYS } from '../../schema/written.js';
import { CliError, chalkFor, errWidthOf, frameworkPath, type GlobalOptions, type Io } from '../context.js';
import { OutputError } from '../output.js';

interface ResultOptions {
  period?: string;
  country?: string;
  dim?: string[];
  numerator?: string;
  denominator?: string;
  date?: string;
  source?: string;
  note?: string;
  corrects?: boolean;
  withdraw?: boolean;
}

interface SpendOptions {
  date?: string;
  currency?: string;
  source?: string;
  note?: string;
  again?: boolean;
}

/** `record result`: checks the arguments' syntax (exit 2), then appends under the lock (exit 1 when refused). */
export async function runRecordResult(
  io: Io,
  global: GlobalOptions,
  indicator: string,
  value: string | undefined,
  opts: ResultOptions,
): Promise<number> {
  wellFormed([
    ['INDICATOR', indicator],
    ['VALUE', value],
    ['--period', opts.period],
    ['--country', opts.country],
    ...(opts.dim ?? []).map((d): [string, string] => ['--dim', d]),
    ['--numerator', opts.numerator],
    ['--denominator', opts.denominator],
    ['--date', opts.date],
    ['--source', opts.source],
    ['--note', opts.note],
  ]);
  const period = opts.period;
  if (period === undefined) {
    throw new CliError(
      '--period is missing: give the period the value is for (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)',
      2,
    );
  }
  const date = dateOption(io, opts.date);
  if (parsePeriod(period) === null) {
    throw new CliError(`--period "${period}" is not a period (YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM)`, 2);
  }
  const hasRatio = opts.numerator !== undefined || opts.denominator !== undefined;
  if (opts.withdraw) return withdraw(io, global, indicator, value, hasRatio, { ...opts, period }, date);
  if (value !== undefined && hasRatio) {
    throw new CliError('give either VALUE or --numerator and --denominator, not both', 2);
  }
  if (value === undefined && !hasRatio) {
    throw new CliError('give VALUE (or --numerator and --denominator for a percent indicator)', 2);
  }
  if (hasRatio && (opts.numerator === undefined || opts.denominator === undefined)) {
    throw new CliError('--numerator and --denominator go together', 2);
  }
  const numerator = opts.numerator === undefined ? undefined : numberOption('--numerator', opts.numerator);
  const denominator =
    opts.denominator === undefined ? undefined : numberOption('--denominator', opts.denominator);
  const dims = dimensionOptions(opts);
  const build = (fw: Framework): EntryRequest => {
    const ind = fw.indicators.find((i) => i.id === indicator);
    let valueText: string | undefined;
    let valueIsText = false;
    if (value !== undefined) {
      const num = decimalArgument(value);
      if (ind?.measure === 'milestone' || (!ind && !num.ok)) {
        // A level name (or, for an unknown indicator, whatever was typed: the check names the indicator).
        valueText = value;
        valueIsText = true;
      } else if (num.ok) {
        valueText = num.text;
      } else {
        throw new Refusal(`VALUE "${value}" ${num.reason} (${indicator} is a ${ind?.measure} indicator)`, 2);
      }
    }
    return {
      kind: 'result',
      indicator,
      period,
      value: valueText,
      valueIsText,
      numerator,
      denominator,
      dims,
      date,
      source: opts.source,
      note: opts.note,
      corrects: opts.corrects,
    };
  };
  return record(io, global, build);
}

/** `record result ID --period P [dims] --withdraw --note N`: the key's value withdrawn from --date on. */
function withdraw(
  io: Io,
  global: GlobalOptions,
  indicator: string,
  value: string | undefined,
  hasRatio: boolean,
  opts: ResultOptions & { period: string },
  date: string,
): Promise<number> {
  if (value !== undefined || hasRatio) {
    throw new CliError(
      '--withdraw takes no VALUE, --numerator or --denominator: it withdraws the standing value',
      2,
    );
  }
  if (opts.corrects) throw new CliError('--withdraw needs no --corrects', 2);
  if (opts.note === undefined || opts.note.trim() === '') {
    throw new CliError('--withdraw needs --note saying why the value is withdrawn', 2);
  }
  const dims = dimensionOptions(opts);
  return record(io, global, () => ({
    kind: 'result',
    indicator,
    period: opts.period,
    dims,
    withdrawn: true,
    date,
    source: opts.source,
    note: opts.note,
  }));
}

/** `record spend`: the amount's text is written as typed, so `12500.00` stays `12500.00`. */
export async function runRecordSpend(
  io: Io,
  global: GlobalOptions,
  line: string,
  amount: string,
  opts: SpendOptions,
): Promise<number> {
  const { date, amountText } = moneyArguments(io, [['LINE', line]], amount, opts);
  currencyOption(opts.currency);
  return record(io, global, () => ({
    kind: 'spend',
    line,
    amount: amountText,
    date,
    currency: opts.currency,
    source: opts.source,
    note: opts.note,
    again: opts.again || undefined,
  }));
}

interface PledgeOptions {
  year?: string;
  date?: string;
  currency?: string;
  source?: string;
  note?: string;
  again?: boolean;
}

interface ContributionOptions extends PledgeOptions {
  kind?: string;
}

/**
 * `record pledge` and `record contribution`: money promised to, or received by, a source from a
 * contributor. Arguments are checked for syntax here (exit 2); the source, contributor, plan year
 * and rate are checked with the framework, as for every entry (exit 1).
 */
export async function runRecordResource(
  io: Io,
  global: GlobalOptions,
  kind: 'pledge' | 'contribution',
  fund: string,
  from: string,
  amount: string,
  opts: ContributionOptions,
): Promise<number> {
  const { date, amountText } = moneyArguments(
    io,
    [
      ['SOURCE', fund],
      ['CONTRIBUTOR', from],
    ],
    amount,
    opts,
    [
      ['--year', opts.year],
      ['--kind', opts.kind],
    ],
  );
  if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) {
    throw new CliError(`--year "${opts.year}" is not a year (YYYY)`, 2);
  }
  if (kind === 'pledge' && opts.year === undefined) {
    throw new CliError('a pledge needs --year, the plan year it is for', 2);
  }
  if (opts.kind !== undefined && opts.kind !== 'cash' && opts.kind !== 'in-kind') {
    throw new CliError(`--kind must be one of cash, in-kind, not "${opts.kind}"`, 2);
  }
  currencyOption(opts.currency);
  return record(io, global, () => ({
    kind,
    fund,
    from,
    year: opts.year,
    amount: amountText,
    currency: opts.currency,
    contributionKind: opts.kind as 'cash' | 'in-kind' | undefined,
    date,
    source: opts.source,
    note: opts.note,
    again: opts.again || undefined,
  }));
}

/** The arguments of a money entry, each valid UTF-8 (named in this order), then its date and amount checked. */
function moneyArguments(
  io: Io,
  ids: [string, string][],
  amount: string,
  opts: SpendOptions,
  more: [string, string | undefined][] = [],
): { date: string; amountText: string } {
  wellFormed([
    ...ids,
    ['AMOUNT', amount],
    ...more,
    ['--date', opts.date],
    ['--currency', opts.currency],
    ['--source', opts.source],
    ['--note', opts.note],
  ]);
  return { date: dateOption(io, opts.date), amountText: numberOption('AMOUNT', amount) };
}

/** --currency: three capital letters (whether ISO 4217 knows it is the ledger's check). */
function currencyOption(currency: string | undefined): void {
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw new CliError(`--currency "${currency}" is not an ISO 4217 code such as USD`, 2);
  }
}

async function record(
  io: Io,
  global: GlobalOptions,
  build: (fw: Framework) => EntryRequest,
): Promise<number> {
  // Never write into the shipped example framework just because no framework was found here.
  if (global.framework === undefined && !io.env.NEASPEC_TRACK_FRAMEWORK && !holdsFramework(io.cwd)) {
    throw new CliError(
      `no framework in ${io.cwd}; record writes only to a framework you select (--framework PATH or NEASPEC_TRACK_FRAMEWORK)`,
      2,
    );
  }
  const root = frameworkPath(io, global);
  const c = chalkFor({ ...io, color: false });
  try {
    const done = await recordEntry(
      {
        root,
        cwd: io.cwd,
        timeoutMs: envMs(io, 'NEASPEC_TRACK_LOCK_TIMEOUT_MS'),
        staleMs: envMs(io, 'NEASPEC_TRACK_LOCK_STALE_MS'),
        onWait: (message) => io.err(`neaspec-track: ${message}\n`),
        // For the crash test only: a pause between writing the temporary file and renaming it.
        pauseBeforeRenameMs: envMs(io, 'NEASPEC_TRACK_TEST_PAUSE_BEFORE_RENAME'),
      },
      build,
    );
    if (done.warnings.length > 0) io.err(formatText(done.warnings, c, root, errWidthOf(io)));
    const where = `${done.file}:${done.line}${done.created ? ' (new file)' : ''}: ${done.text}`;
    const moved =
      done.request.kind === 'result'
        ? standingChanges(done.before, done.after, [done.request.indicator], io.today())
        : [];
    try {
      io.out(`recorded ${where}\n`);
      for (const m of moved) io.out(`${standingText(m)}\n`);
    } catch (e) {
      // The entry is in the ledger: say so where it can still be read.
      if (e instanceof OutputError) throw new CliError(`${e.message}; the entry was recorded at ${where}`, 1);
      throw e;
    }
    return 0;
  } catch (e) {
    if (e instanceof Refusal) {
      if (e.diagnostics.length > 0) io.err(formatText(e.diagnostics, c, root, errWidthOf(io)));
      throw new CliError(e.message, e.exitCode);
    }
    if (e instanceof LockTimeout) throw new CliError(e.message, 1);
    throw e;
  }
}

/** --date (default today): a calendar date, and not after today — the ledger records what is known. */
function dateOption(io: Io, text: string | undefined): string {
  const today = io.today();
  if (text === undefined) return formatDate(today);
  const day = parseDate(text);
  if (day === null) throw new CliError(`--date "${text}" is not a calendar date (YYYY-MM-DD)`, 2);
  if (day > today) {
    throw new CliError(
      `a date in the future: --date ${text} is after today (${formatDate(today)}); record what is known, when it is known`,
      2,
    );
  }
  return text;
}

// U+FFFD is what Node makes of bytes that are not UTF-8 in an argument; lone surrogates cannot be written as UTF-8.
const NOT_UTF8 = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Refuses an argument that was not valid UTF-8, naming it (the check would otherwise blame the file). */
function wellFormed(args: readonly [name: string, value: string | undefined][]): void {
  for (const [name, value] of args) {
    if (value !== undefined && NOT_UTF8.test(value)) {
      throw new CliError(`${name} is not valid UTF-8 text; nothing was recorded`, 2);
    }
  }
}

function numberOption(name: string, text: string): string {
  const r = decimalArgument(text);
  if (!r.ok) throw new CliError(`${name} "${text}" ${r.reason}`, 2);
  return r.text;
}

/** `--country C` and `--dim name=value`, in the order given; a name given twice is a usage error. */
function dimensionOptions(opts: ResultOptions): [string, string][] {
  const dims: [string, string][] = [];
  if (opts.country !== undefined) dims.push(['country', opts.country]);
  for (const d of opts.dim ?? []) {
    const m = /^([a-z][a-z0-9_]*)=(.+)$/.exec(d);
    if (!m) throw new CliError(`--dim "${d}" is not name=value (e.g. --dim country=MN)`, 2);
    dims.push([m[1] as string, m[2] as string]);
  }
  const seen = new Set<string>();
  for (const [k] of dims) {
    if (RESULT_ENTRY_KEYS.includes(k))
      throw new CliError(`--dim ${k}=… names an entry field, not a dimension`, 2);
    if (seen.has(k)) throw new CliError(`the dimension ${k} is given twice`, 2);
    seen.add(k);
  }
  return dims;
}

function envMs(io: Io, name: string): number | undefined {
  const v = io.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Registers `record result`, `record spend`, `record pledge` and `record contribution`. */
export function register(program: Command, io: Io, setExit: (code: number) => void): void {
  const record = program
    .command('record')
    .description(
      'append a result, spending, pledge or contribution entry to the ledger (progress/<year>.yaml), after checking it',
    );
  record
    .command('result')
    .description('record an indicator value for a period')
    .argument('<indicator>', 'indicator id')
    .argument(
      '[value]',
      "the value: a number, or a level name for a milestone indicator; cumulative indicators: the period's own amount (not the total so far); level and percent indicators: the standing level at the period's end",
    )
    // Checked in the action, not by commander: a missing INDICATOR must be named before a missing --period.
    .option('--period <period>', 'YYYY, YYYY-H1, YYYY-Q1…Q4 or YYYY-MM (as the indicator is reported)')
    .option('--country <code>', 'the country dimension value')
    .option('--dim <name=value>', 'a disaggregation value (repeatable)', collect)
    .option('--numerator <n>', 'percent indicators: the count (with --denominator) instead of VALUE')
    .option('--denominator <m>', 'percent indicators: the base')
    .option('--date <date>', 'when the value became known (default: today)')
    .option('--source <text>', 'where the value comes from')
    .option('--note <text>', 'a note')
    .option('--corrects', 'this entry corrects an earlier one with the same indicator, period and dimensions')
    .option(
      '--withdraw',
      'withdraw the standing value of this indicator, period and dimensions (with --note)',
    )
    .action(async (indicator: string, value: string | undefined, opts: ResultOptions, cmd: Command) => {
      setExit(await runRecordResult(io, cmd.optsWithGlobals(), indicator, value, opts));
    });
  record
    .command('spend')
    .description('record money spent on a budget line (a negative amount undoes a mistake)')
    .argument('<line>', 'budget line id')
    .argument('<amount>', 'the amount as a decimal, e.g. 12500.00 or -300')
    .option('--date <date>', 'when it was spent (default: today)')
    .option('--currency <code>', "ISO 4217 code (default: the plan's currency; others need a rate)")
    .option('--source <text>', 'where the figure comes from')
    .option('--note <text>', 'a note')
    .option(
      '--again',
      'a second, real payment identical to an earlier entry (otherwise refused as entered twice)',
    )
    .action(async (line: string, amount: string, opts: SpendOptions, cmd: Command) => {
      setExit(await runRecordSpend(io, cmd.optsWithGlobals(), line, amount, opts));
    });
  record
    .command('pledge')
    .description(
      'record money a contributor promises a source for a plan year (a negative amount reduces a pledge)',
    )
    .argument('<source>', 'budget source id, e.g. CORE')
    .argument('<contributor>', 'contributor id, e.g. KR')
    .argument('<amount>', 'the amount as a decimal, e.g. 300000 or -50000')
    .option('--year <year>', 'the plan year the pledge is for (required)')
    .option('--date <date>', 'when it was pledged (default: today)')
    .option('--currency <code>', "ISO 4217 code (default: the plan's currency; others need a rate)")
    .option('--source <text>', 'where the figure comes from')
    .option('--note <text>', 'a note, e.g. announced at SOM-29')
    .option(
      '--again',
      'a second, real payment identical to an earlier entry (otherwise refused as entered twice)',
    )
    .action(async (fund: string, from: string, amount: string, opts: PledgeOptions, cmd: Command) => {
      setExit(await runRecordResource(io, cmd.optsWithGlobals(), 'pledge', fund, from, amount, opts));
    });
  record
    .command('contribution')
    .description(
      'record money (or its value in kind) a source received from a contributor (a negative amount is a refund)',
    )
    .argument('<source>', 'budget source id, e.g. CORE')
    .argument('<contributor>', 'contributor id, e.g. KR')
    .argument('<amount>', 'the amount as a decimal, e.g. 300000 or -500')
    .option('--year <year>', "the plan year it counts for (default: its date's year)")
    .option('--kind <kind>', 'cash (default) | in-kind')
    .option('--date <date>', 'when it was received (default: today)')
    .option('--currency <code>', "ISO 4217 code (default: the plan's currency; others need a rate)")
    .option('--source <text>', 'where the figure comes from')
    .option('--note <text>', 'a note')
    .option(
      '--again',
      'a second, real payment identical to an earlier entry (otherwise refused as entered twice)',
    )
    .action(async (fund: string, from: string, amount: string, opts: ContributionOptions, cmd: Command) => {
      setExit(await runRecordResource(io, cmd.optsWithGlobals(), 'contribution', fund, from, amount, opts));
    });
  for (const cmd of record.commands) {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  }
}
