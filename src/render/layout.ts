import stringWidth from 'string-width';
import { maxOf } from '../core/arrays.js';

/**
 * Terminal layout that fits a width: display widths (ANSI codes count 0, East Asian wide
 * characters 2 — string-width, the measure cli-table3 uses), truncation, word wrapping, and a
 * borderless table that narrows its flexible columns, then drops columns in a declared order.
 * Every terminal renderer lays out through here, so every one fits the same way.
 */

/** The narrowest layout: a terminal narrower than this still gets 80 columns. */
export const MIN_WIDTH = 80;

/** The width to lay out to: a terminal's columns, else $COLUMNS, else 80; never below MIN_WIDTH. */
export function terminalWidth(columns: number | undefined, env: string | undefined): number {
  const fromEnv = env !== undefined && /^\d+$/.test(env.trim()) ? Number(env) : 0;
  const w = columns !== undefined && columns > 0 ? columns : fromEnv > 0 ? fromEnv : MIN_WIDTH;
  return Math.max(MIN_WIDTH, Math.floor(w));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

/** Columns a text takes on a terminal. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** The text without ANSI colour codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The text cut to `width` columns, ending with `…` when cut (colour is dropped from a cut text). */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let w = 0;
  for (const ch of stripAnsi(text)) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** The text cut to `width` columns from the start, beginning with `…` when cut: for paths, whose end matters. */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  const chars = [...stripAnsi(text)];
  let out = '';
  let w = 0;
  for (let k = chars.length - 1; k >= 0; k--) {
    const cw = displayWidth(chars[k] as string);
    if (w + cw > width - 1) break;
    out = chars[k] + out;
    w += cw;
  }
  return `…${out}`;
}

/** Pads to `width` columns on the right (left-aligned) or on the left (right-aligned). */
export function pad(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * Word-wraps a text to `width` columns, keeping the spaces between words as written. Continuation
 * lines start with `hang` (default: the text's own leading spaces). A word longer than a line is
 * cut into pieces. Colour codes inside words survive unless a word has to be cut.
 */
export function wrap(text: string, width: number, hang?: string): string[] {
  const lead = /^ */.exec(stripAnsi(text))?.[0] ?? '';
  const cont = hang ?? lead;
  // [word, spaces, word, spaces, …]: the spaces before a word are kept when it stays on the line.
  const parts = text.slice(lead.length).split(/( +)/);
  const lines: string[] = [];
  let line = lead;
  let lineW = displayWidth(lead);
  let empty = true;
  const push = () => {
    lines.push(line.trimEnd());
    line = cont;
    lineW = displayWidth(cont);
    empty = true;
  };
  for (let k = 0; k < parts.length; k += 2) {
    let word = parts[k] as string;
    const sep = k === 0 ? '' : (parts[k - 1] as string);
    if (word === '') continue;
    let ww = displayWidth(word);
    const gap = () => (empty ? 0 : sep.length || 1);
    if (!empty && lineW + gap() + ww > width) push();
    // A word wider than a whole line: cut it.
    while (lineW + gap() + ww > width) {
      const room = width - lineW - gap();
      if (room <= 0) {
        if (empty) break; // not even one column: let the guard cut it
        push();
        continue;
      }
      const chars = [...stripAnsi(word)];
      let piece = '';
      let pw = 0;
      let n = 0;
      while (n < chars.length && pw + displayWidth(chars[n] as string) <= room) {
        piece += chars[n];
        pw += displayWidth(chars[n] as string);
        n++;
      }
      if (n === 0) break; // one wide character in a one-column room: the guard cuts it
      line += (empty ? '' : ' '.repeat(gap())) + piece;
      lineW += gap() + pw;
      empty = false;
      push();
      word = chars.slice(n).join('');
      ww = displayWidth(word);
    }
    if (ww === 0) continue;
    line += empty ? word : ' '.repeat(gap()) + word;
    lineW += gap() + ww;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/** Wraps each line of a multi-line text; blank lines stay. */
export function wrapLines(text: string, width: number): string[] {
  return text.split('\n').flatMap((l) => (stripAnsi(l).trim() === '' ? [''] : wrap(l, width)));
}

/** A column of a terminal table. */
export interface Column {
  head: string;
  align?: 'left' | 'right';
  /**
   * Drop order when the table is too wide: the column with the lowest number goes first. A
   * column without one is never dropped.
   */
  drop?: number;
  /** A flexible column narrows to `min` columns (its cells cut with … or wrapped) before any column is dropped. */
  min?: number;
  /** Wrap this column's cells onto more lines instead of cutting them. */
  wrap?: boolean;
  /** Cut a cell's start rather than its end (a path: its file name matters most). */
  cutStart?: boolean;
}

/**
 * A table row: cells (plain text, coloured by `paint` after padding; a `\n` in a cell starts a
 * line of its own, `line` counts them), or a line spanning the table (wrapped, continuing with `hang`).
 */
export type Row =
  | { cells: string[]; paint?: (text: string, column: number, line: number) => string }
  | { span: string; paint?: (text: string) => string; hang?: string };

/** A laid-out table: its lines, the indices of the columns it shows, every column's width and the table's. */
export interface Laid {
  lines: string[];
  shown: number[];
  widths: number[];
  /** Each column's width before any narrowing. */
  natural: number[];
  total: number;
}

/**
 * Lays out a borderless table within `width` columns (columns separated by `gap` spaces, the
 * header painted by `head`). Too wide, it first narrows the flexible columns to their `min`, then
 * drops columns by their `drop` order, then narrows flexible columns further (to 4); a spanning
 * row wraps. Lines never end in spaces.
 */
export function layoutTable(
  columns: readonly Column[],
  rows: readonly Row[],
  width: number,
  opts: { gap?: number; head?: (text: string) => string; noHead?: boolean } = {},
): Laid {
  const gap = opts.gap ?? 2;
  const cellRows = rows.filter((r): r is Extract<Row, { cells: string[] }> => 'cells' in r);
  const natural = columns.map((c, i) =>
    maxOf(
      cellRows.map((r) => cellWidth(r.cells[i] ?? '')),
      opts.noHead ? 0 : displayWidth(c.head),
    ),
  );
  let shown = columns.map((_, i) => i).filter((i) => natural[i] !== 0 || columns[i]?.head !== '');
  const widths = [...natural];
  const total = () => shown.reduce((a, i) => a + (widths[i] as number), 0) + gap * (shown.length - 1);
  const narrow = (floor: (c: Column) => number) => {
    // Take columns from the flexible ones, widest first, until the table fits or none can give more.
    while (total() > width) {
      const candidates = shown.filter(
        (i) => columns[i]?.min !== undefined && (widths[i] as number) > floor(columns[i] as Column),
      );
      if (candidates.length === 0) return;
      const i = candidates.reduce((a, b) => ((widths[b] as number) > (widths[a] as number) ? b : a));
      const floorW = floor(columns[i] as Column);
      widths[i] = Math.max(floorW, (widths[i] as number) - (total() - width));
    }
  };
  narrow((c) => Math.min(c.min ?? 0, natural[columns.indexOf(c)] as number));
  while (total() > width) {
    const droppable = shown.filter((i) => columns[i]?.drop !== undefined);
    if (droppable.length === 0) break;
    const first = droppable.reduce((a, b) =>
      (columns[b]?.drop as number) < (columns[a]?.drop as number) ? b : a,
    );
    shown = shown.filter((i) => i !== first);
    // A dropped column gives its room back to the flexible ones.
    for (const i of shown) if (columns[i]?.min !== undefined) widths[i] = natural[i] as number;
    narrow((c) => Math.min(c.min ?? 0, natural[columns.indexOf(c)] as number));
  }
  narrow(() => 4);

  const lines: string[] = [];
  const render = (cells: string[], paint?: (text: string, column: number, line: number) => string) => {
    const parts = shown.map((i) => {
      const c = columns[i] as Column;
      const w = widths[i] as number;
      return (cells[i] ?? '').split('\n').flatMap((text) => {
        if (c.wrap && displayWidth(text) > w) return wrap(text, w);
        return [c.cutStart ? truncateStart(text, w) : truncate(text, w)];
      });
    });
    const height = maxOf(
      parts.map((p) => p.length),
      1,
    );
    for (let k = 0; k < height; k++) {
      const line = shown
        .map((i, j) => {
          const c = columns[i] as Column;
          const text = parts[j]?.[k] ?? '';
          const padded = pad(text, widths[i] as number, c.align);
          return paint && text !== '' ? paintPadded(padded, text, (t) => paint(t, i, k)) : padded;
        })
        .join(' '.repeat(gap));
      lines.push(line.trimEnd());
    }
  };
  if (!opts.noHead) {
    const headCells = columns.map((c) => c.head);
    render(headCells, opts.head ? (t) => (opts.head as (s: string) => string)(t) : undefined);
  }
  for (const r of rows) {
    if ('span' in r) {
      for (const l of wrap(r.span, width, r.hang)) lines.push(r.paint ? r.paint(l) : l);
    } else render(r.cells, r.paint);
  }
  return { lines: fitWidth(lines, width), shown, widths, natural, total: total() };
}

/** The width of a cell: its widest line. */
function cellWidth(text: string): number {
  return maxOf(
    text.split('\n').map((l) => displayWidth(l)),
    0,
  );
}

/** Colours the text inside a padded cell, leaving the padding plain (so NO_COLOR output and widths agree). */
function paintPadded(padded: string, text: string, paint: (t: string) => string): string {
  const at = padded.indexOf(text);
  if (at < 0) return paint(padded);
  return padded.slice(0, at) + paint(text) + padded.slice(at + text.length);
}

/** The last guard: every line cut to `width` columns. */
export function fitWidth(lines: readonly string[], width: number): string[] {
  return lines.map((l) => (displayWidth(l) > width ? truncate(l, width) : l));
}
