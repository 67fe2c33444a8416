import type { ChalkInstance } from 'chalk';
import { pushAll } from '../core/arrays.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { formatPath } from '../model/source.js';
import { displayWidth, MIN_WIDTH, wrap } from './layout.js';

/** One formatter for diagnostics: text with an excerpt and a caret, JSON, or GitHub annotations. */

export interface LocatedDiagnostic {
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
  path: string | null;
}

/** Resolves the position of each diagnostic (only now: positions are computed lazily). */
export function locate(d: Diagnostic): LocatedDiagnostic {
  if (!d.src)
    return {
      code: d.code,
      severity: d.severity,
      message: d.message,
      file: null,
      line: null,
      col: null,
      path: null,
    };
  const pos = d.src.file.locate(d.src.path, d.atKey);
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.src.file.name,
    line: pos.line,
    col: pos.col,
    path: d.src.path.length ? formatPath(d.src.path) : null,
  };
}

/**
 * How many diagnostics of one code (and severity) text and GitHub output show; the rest are
 * counted in one closing line. `--format json` lists them all.
 */
export const MAX_PER_CODE = 20;

/** Splits diagnostics into those shown (the first MAX_PER_CODE of each code) and counts of the rest. */
function capPerCode(diags: readonly Diagnostic[]): {
  shown: Diagnostic[];
  hidden: { code: string; severity: Diagnostic['severity']; count: number }[];
} {
  const seen = new Map<string, number>();
  const hidden = new Map<string, { code: string; severity: Diagnostic['severity']; count: number }>();
  const shown: Diagnostic[] = [];
  for (const d of diags) {
    const key = `${d.severity} ${d.code}`;
    const n = seen.get(key) ?? 0;
    if (n < MAX_PER_CODE) {
      seen.set(key, n + 1);
      shown.push(d);
      continue;
    }
    const h = hidden.get(key);
    if (h) h.count++;
    else hidden.set(key, { code: d.code, severity: d.severity, count: 1 });
  }
  return { shown, hidden: [...hidden.values()] };
}

/** `1 more yaml-syntax error not shown (…)`: the closing line for diagnostics left out. */
function moreLine(h: { code: string; severity: Diagnostic['severity']; count: number }): string {
  const what = h.count === 1 ? h.severity : `${h.severity}s`;
  return `${h.count.toLocaleString('en-US')} more ${h.code} ${what} not shown (the first ${MAX_PER_CODE} are listed; --format json lists all)`;
}

/** A quoted value longer than this in a message is cut to its start and its length. */
const LONG_VALUE = 80;

/**
 * A message with every long quoted value cut: `"XXXX…" (100000 characters)`. The position is in
 * `file:line:col` beside it; a 100,000-character id once made a 106 KB message. JSON keeps the
 * message whole, for scripts.
 */
export function cutValues(message: string): string {
  if (message.length <= LONG_VALUE) return message;
  return message.replace(
    /"([^"\n]{81,})"/g,
    (_, v: string) => `"${v.slice(0, 40)}…" (${v.length} characters)`,
  );
}

/**
 * `file:line:col: error CODE message`, then the offending line with a caret under the spot — all
 * within `width` columns: the message wraps (continuing indented), and a long source line shows
 * the stretch around the caret between `…`.
 */
export function formatText(
  diags: readonly Diagnostic[],
  c: ChalkInstance,
  fallbackFile: string,
  width = MIN_WIDTH,
): string {
  const out: string[] = [];
  const lines = new LineIndex();
  const { shown, hidden } = capPerCode(diags);
  for (const d of shown) {
    const l = locate(d);
    const where = l.file ? `${l.file}:${l.line}:${l.col}` : fallbackFile;
    const sev = d.severity === 'error' ? c.red('error') : c.yellow('warning');
    pushAll(out, wrap(`${c.bold(where)}: ${sev} ${c.dim(d.code)} ${cutValues(d.message)}`, width, '    '));
    if (d.src && l.line !== null && l.col !== null) {
      const lineText = lines.line(d.src.file.text, l.line);
      if (lineText !== undefined && lineText.trim() !== '') {
        const num = String(l.line);
        const gutter = Math.max(5, num.length);
        const { text, caret } = excerpt(lineText, l.col - 1, width - gutter - 3);
        out.push(`${c.dim(`${num.padStart(gutter)} |`)} ${text}`);
        out.push(`${c.dim(`${' '.repeat(gutter)} |`)} ${' '.repeat(caret)}${c.red('^')}`);
      }
    }
  }
  for (const h of hidden) pushAll(out, wrap(c.dim(`… ${moreLine(h)}`), width, '  '));
  return out.length ? `${out.join('\n')}\n` : '';
}

/**
 * The stretch of a line that fits `room` columns around column `col` (0-based), and where the
 * caret goes in it. A line of a megabyte is never measured whole: it cannot fit anyway.
 */
function excerpt(line: string, col: number, room: number): { text: string; caret: number } {
  const at = Math.max(0, Math.min(col, line.length));
  if (line.length <= 2 * room && displayWidth(line) <= room) {
    return { text: line, caret: displayWidth(line.slice(0, at)) };
  }
  const keep = Math.max(1, room - 2);
  const start = at < keep - 1 ? 0 : at - Math.floor(keep / 2);
  const head = start > 0 ? '…' : '';
  const tail = start + keep < line.length ? '…' : '';
  let piece = line.slice(start, start + keep);
  while (piece.length > 0 && displayWidth(head + piece + tail) > room) piece = piece.slice(0, -1);
  return { text: head + piece + tail, caret: displayWidth(head + line.slice(start, at)) };
}

/**
 * The lines of each file text, split once per formatting: keyed by the text itself, because a
 * file-level error carries its own SourceFile object (keying by that made 20,000 syntax errors
 * split the file 20,000 times: 34 s and 3.9 GB).
 */
class LineIndex {
  private readonly starts = new Map<string, number[]>();

  /** The text of a 1-based line, without its line break; undefined past the end. */
  line(text: string, line: number): string | undefined {
    let starts = this.starts.get(text);
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts.set(text, starts);
    }
    const s = starts[line - 1];
    if (s === undefined) return undefined;
    const e = starts[line];
    const end = e === undefined ? text.length : e - 1;
    // Not .replace(/\r$/): on a line of a megabyte, that regular expression scans all of it.
    return text.slice(s, end > s && text[end - 1] === '\r' ? end - 1 : end);
  }
}

/** A closing count such as `2 errors, 1 warning`. */
export function formatCounts(diags: readonly Diagnostic[]): string {
  const e = diags.filter((d) => d.severity === 'error').length;
  const w = diags.length - e;
  return `${e} ${e === 1 ? 'error' : 'errors'}, ${w} ${w === 1 ? 'warning' : 'warnings'}`;
}

/** The `validate --format json` shape: {ok, errors, warnings}. */
export function formatJson(diags: readonly Diagnostic[], strict: boolean): string {
  const all = diags.map(locate);
  const strip = ({ severity: _s, ...rest }: LocatedDiagnostic) => rest;
  const errors = all.filter((d) => d.severity === 'error').map(strip);
  const warnings = all.filter((d) => d.severity === 'warning').map(strip);
  const ok = errors.length === 0 && (!strict || warnings.length === 0);
  return `${JSON.stringify({ ok, errors, warnings }, null, 2)}\n`;
}

const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A closing `::error` with no file: the run's verdict, shown as a failure in the job summary. */
export function formatGithubSummary(message: string): string {
  return `::error title=${prop('neaspec-track')}::${esc(message)}\n`;
}

/** GitHub Actions workflow commands: annotations on the changed lines of a pull request. */
export function formatGithub(diags: readonly Diagnostic[]): string {
  const { shown, hidden } = capPerCode(diags);
  const lines = shown.map((d) => {
    const l = locate(d);
    const props = l.file
      ? `file=${prop(l.file)},line=${l.line},col=${l.col},title=${prop(d.code)}`
      : `title=${prop(d.code)}`;
    return `::${d.severity} ${props}::${esc(d.message)}\n`;
  });
  for (const h of hidden) lines.push(`::${h.severity} title=${prop(h.code)}::${esc(moreLine(h))}\n`);
  return lines.join('');
}
