import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ChalkInstance } from 'chalk';
import { type Day, dayFromCivil, parseDate } from '../core/dates.js';
import {
  displayName,
  isFrameworkFileName,
  readFrameworkFiles,
  resolveFrameworkPath,
  shippedFramework,
} from '../load/files.js';
import { type Checked, type CheckOptions, checkFiles } from '../load/index.js';
import { hasErrors } from '../model/diagnostics.js';
import { describeErrno } from '../model/errno.js';
import type { Framework } from '../model/framework.js';
import { colours } from '../render/colour.js';
import { formatCounts, formatText } from '../render/diagnostics.js';
import { terminalWidth, wrap } from '../render/layout.js';
import { isTerminal, OutputError, stdoutClosed, writeOutFile, writeStderr, writeStdout } from './output.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout takes colour (a TTY, no NO_COLOR). */
  color: boolean;
  /** Today's calendar date in local time. */
  today(): Day;
  /** True when standard output is closed (`>&-`): nothing printed would reach anyone. */
  stdoutClosed?: boolean;
  /** The terminal's width in columns (default: $COLUMNS, else 80; never below 80). */
  columns?: number;
  /**
   * Standard error's terminal width, when it is a terminal. Messages there wrap to it; written to a
   * pipe or a log they stay one line each, for whatever reads them.
   */
  errColumns?: number;
  /** Writes bytes to standard output (`--out -` of a Word document or workbook); default: through `out`. */
  outBytes?(bytes: Uint8Array): void;
  /**
   * The root of the framework this run read (set by `check`): `--out` never writes a file the
   * framework would read.
   */
  frameworkRoot?: string;
}

/** Writes a message to stderr, wrapped (continuing indented) when stderr is a terminal. */
export function errLine(io: Io, text: string): void {
  io.err(io.errColumns === undefined ? `${text}\n` : `${wrap(text, errWidthOf(io), '  ').join('\n')}\n`);
}

/** The width diagnostics on stderr lay out to: its terminal's (never below 80), else 200. */
export function errWidthOf(io: Io): number {
  return io.errColumns === undefined ? 200 : terminalWidth(io.errColumns, undefined);
}

/** The width terminal output lays out to: the Io's, else $COLUMNS, else 80 — never below 80. */
export function widthOf(io: Io): number {
  return terminalWidth(io.columns, io.env.COLUMNS);
}

/** Options every command shares. */
export interface GlobalOptions {
  framework?: string;
  debug?: boolean;
}

/** A failure the user can act on: printed as one line, with its exit code (1 data, 2 usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

/** The process's own Io. */
export function processIo(): Io {
  const env = process.env;
  const outTerminal = isTerminal(1);
  const errTerminal = isTerminal(2);
  const color = !env.NO_COLOR && (env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : outTerminal);
  return {
    // Written synchronously: a failed write (a full disk) fails the command where it happens;
    // a reader that stops early (`| head`) just ends the output.
    out: writeStdout,
    outBytes: writeStdout,
    err: writeStderr,
    stdoutClosed: stdoutClosed(),
    cwd: process.cwd(),
    env,
    color,
    columns: outTerminal ? process.stdout.columns : undefined,
    errColumns: errTerminal ? process.stderr.columns : undefined,
    today: () => {
      const now = new Date();
      return dayFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
    },
  };
}

/** A chalk instance that colours only when the Io allows it. */
export function chalkFor(io: Io): ChalkInstance {
  return colours(io.color);
}

/** The framework path these options select. */
export function frameworkPath(io: Io, opts: GlobalOptions): string {
  // An empty CI variable (`--framework "$FW"`) must not quietly select another framework.
  if (opts.framework !== undefined && opts.framework.trim() === '') {
    throw new CliError('--framework is empty: give the path of a framework directory or file', 2);
  }
  return path.resolve(io.cwd, resolveFrameworkPath(opts.framework, io.env, io.cwd));
}

/**
 * Reads and checks the selected framework; a missing path is a usage error. When nothing selected
 * one and the shipped example is used, stderr says so, naming it as a path: a newcomer in an
 * empty folder must not take NEASPEC's figures for their own.
 */
export function check(io: Io, opts: GlobalOptions, checkOpts: CheckOptions = {}): Checked & { root: string } {
  const root = frameworkPath(io, opts);
  if (root === shippedFramework() && opts.framework === undefined && !io.env.NEASPEC_TRACK_FRAMEWORK) {
    errLine(
      io,
      `neaspec-track: no framework selected and none in this directory; using the shipped example ${displayName(root, io.cwd)} (choose one with --framework PATH or NEASPEC_TRACK_FRAMEWORK)`,
    );
  }
  io.frameworkRoot = root;
  let files: ReturnType<typeof readFrameworkFiles>;
  try {
    files = readFrameworkFiles(root, io.cwd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || /no framework at/.test(String((e as Error).message))) {
      throw new CliError(`no framework at ${root} (give --framework PATH or set NEASPEC_TRACK_FRAMEWORK)`, 2);
    }
    throw new CliError(`cannot read the framework at ${root}: ${(e as Error).message}`, 1);
  }
  return { ...checkFiles(root, files, checkOpts), root };
}

/** The checked framework for a report; invalid data prints its errors and exits 1. Warnings are left to `validate`. */
export function loadValid(
  io: Io,
  opts: GlobalOptions,
  checkOpts: CheckOptions = {},
): { framework: Framework; checked: Checked; root: string } {
  const checked = check(io, opts, checkOpts);
  if (!checked.framework || hasErrors(checked.diagnostics)) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    io.err(formatText(errors, chalkFor({ ...io, color: false }), checked.root, errWidthOf(io)));
    throw new CliError(
      `the framework has ${formatCounts(errors).split(',')[0]}; fix them first (run \`neaspec-track validate\`)`,
      1,
    );
  }
  return { framework: checked.framework, checked, root: checked.root };
}

/** Parses --as-of (default today); a malformed date is a usage error. */
export function parseAsOf(io: Io, value: string | undefined): Day {
  if (value === undefined) return io.today();
  const d = parseDate(value);
  if (d === null) throw new CliError(`--as-of "${value}" is not a calendar date (YYYY-MM-DD)`, 2);
  return d;
}

/** Checks an option's value against the allowed ones; anything else is a usage error. */
export function parseChoice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`, 2);
}

/** The terminal format's two names: every command that formats takes either. */
const TERMINAL_FORMATS = ['text', 'table'];

/** Checks a --format value against the allowed ones; `text` and `table` are one format. */
export function parseFormat<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value !== undefined && TERMINAL_FORMATS.includes(value)) {
    const own = allowed.find((a) => TERMINAL_FORMATS.includes(a));
    if (own !== undefined) return own;
  }
  return parseChoice('format', value, allowed, fallback);
}

/**
 * The file `--out` names, resolved; `-` is standard output (null). An empty name is a usage error,
 * and so is a file the framework read by this run would read as one of its own (a YAML or CSV
 * file inside its directory, or the single-file framework itself): a report written there would
 * replace the plan or break the next `validate`. Other files may live beside the framework.
 */
export function outTarget(io: Io, out: string): string | null {
  if (out.trim() === '') throw new CliError('--out needs a file name', 2);
  if (out === '-') return null;
  const target = path.resolve(io.cwd, out);
  const root = io.frameworkRoot;
  if (root !== undefined && readByFramework(root, target)) {
    throw new CliError(
      `--out ${out} is a file of the framework (${displayName(root, io.cwd)} reads every .yaml, .yml and .csv file in it): write it elsewhere`,
      2,
    );
  }
  return target;
}

/** Whether the framework at `root` would read `target` as one of its files. */
function readByFramework(root: string, target: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      // A new file: its directory's real path, and its name.
      try {
        return path.join(realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  const r = real(root);
  const t = real(target);
  if (t === r) return true;
  const rel = path.relative(r, t);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  if (rel.split(path.sep).some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  return isFrameworkFileName(t);
}

/** Writes a rendered report to --out or stdout. */
export function emit(io: Io, text: string, out: string | undefined): void {
  if (out === undefined) io.out(text);
  else writeOut(io, text, out);
}

/** Writes text or bytes to --out `file` and says so on stderr; `-` writes them to standard output. */
export function writeOut(io: Io, data: string | Uint8Array, file: string): void {
  const target = outTarget(io, file);
  if (target === null) {
    if (typeof data === 'string') io.out(data);
    else if (io.outBytes) io.outBytes(data);
    else io.out(Buffer.from(data).toString('latin1'));
    return;
  }
  try {
    writeOutFile(target, data, file);
  } catch (e) {
    if (e instanceof OutputError) throw new CliError(e.message, 1);
    throw e;
  }
  io.err(`wrote ${file}\n`);
}

/** The bytes of a file the user named (relative to the working directory); a usage error when unreadable. */
export function readUserFile(io: Io, file: string): Uint8Array {
  try {
    return readFileSync(path.resolve(io.cwd, file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new CliError(`cannot read ${file}: ${describeErrno(code)} (${code})`, 2);
  }
}
