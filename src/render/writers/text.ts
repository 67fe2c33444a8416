import type { ChalkInstance } from 'chalk';
import { maxOf, pushAll } from '../../core/arrays.js';
import type { Block, Column, Document, Facts, Part, Row, Table } from '../../document/blocks.js';
import { type Column as LaidColumn, type Row as LaidRow, layoutTable, MIN_WIDTH, wrap } from '../layout.js';
import { colourStatus } from '../status-common.js';
import { alignOf, humanBlocks, humanColumns, partText } from './parts.js';

/**
 * The terminal writer: walks a document's blocks and lays each out to the width (layout.ts),
 * blocks apart by a blank line. Tables narrow their flexible columns, then drop columns by their
 * drop priority; a table with column groups is split into narrower tables instead. Colour says
 * what the parts say (a status in its colour, an alarm in red, a total in bold); widths are
 * measured on the plain text, so the columns line up with or without colour.
 */

export interface TextOptions {
  c: ChalkInstance;
  width?: number;
}

/** The document as terminal text. */
export function writeText(doc: Document, opts: TextOptions): string {
  const width = opts.width ?? MIN_WIDTH;
  const blocks = humanBlocks(doc, true);
  if (doc.tight) return `${blocks.flatMap((b) => block(b, opts.c, width)).join('\n')}\n`;
  return `${writeTextBlocks(blocks, opts.c, width).join('\n')}\n`;
}

/**
 * Blocks as terminal lines, a blank line between blocks but none under a heading. A section's
 * heading is in capitals over a rule; a heading below it is a bold line. Charts are left out.
 */
export function writeTextBlocks(blocks: readonly Block[], c: ChalkInstance, width: number): string[] {
  const out: string[] = [];
  let underHeading = true;
  for (const b of blocks) {
    const lines = block(b, c, width);
    if (lines.length === 0) continue;
    if (!underHeading) out.push('');
    pushAll(out, lines);
    underHeading = b.kind === 'heading';
  }
  return out;
}

function block(b: Block, c: ChalkInstance, width: number): string[] {
  switch (b.kind) {
    case 'heading': {
      if (b.level === 3) return wrap(b.text, width).map((l) => c.bold(l));
      const lines = wrap(b.level === 2 ? b.text.toUpperCase() : b.text, width);
      return [
        ...lines.map((l) => c.bold(l)),
        c.dim('─'.repeat(Math.min(width, maxOf(lines.map((l) => l.length))))),
      ];
    }
    case 'paragraph':
      return wrap(b.parts.map((p) => paint(c, p, p.tone)).join(''), width);
    case 'table':
      return b.groups ? splitTable(b, c, width) : fitTable(b, c, width);
    case 'facts':
      return facts(b, c, width);
    case 'narrative':
      return [c.dim(b.head), ...b.markdown.split('\n').flatMap((l) => wrap(l, width))];
    case 'list':
      return [
        ...(b.title ? [b.title.map((p) => paint(c, p)).join('')] : []),
        ...b.items.flatMap((item) => wrap(item.map((p) => paint(c, p)).join(''), width, '  ')),
      ];
    case 'chart':
      return [];
    case 'details':
      // Nothing folds in a terminal: the summary is the section's heading.
      return [
        ...block({ kind: 'heading', level: 3, text: b.summary }, c, width),
        ...b.blocks.flatMap((x) => ['', ...block(x, c, width)]),
      ];
  }
}

/** A part's text in its colour: a status in its own, a tone as the terminal shows it. */
export function paint(c: ChalkInstance, p: Part, tone = p.tone, s = partText(p)): string {
  if (p.kind === 'status' && tone === undefined) return colourStatus(c, p.status, s);
  const style =
    tone === undefined || tone === 'code'
      ? undefined
      : { strong: c.bold, alarm: c.red, warn: c.yellow, good: c.green, muted: c.dim }[tone];
  return style ? style(s) : s;
}

function cellPaint(c: ChalkInstance, row: Row, cell: Part | undefined, s: string): string {
  if (cell === undefined) return s;
  if (row.tone !== undefined) return paint(c, { kind: 'text', text: s }, row.tone);
  const painted = paint(c, cell, cell.tone, s);
  return row.kind === 'total' ? c.bold(painted) : painted;
}

/** One table, narrowed and with columns dropped to fit: the header, the items, and the totals set apart by rules. */
function fitTable(t: Table, c: ChalkInstance, width: number): string[] {
  const shown = humanColumns(t, true);
  const columns: LaidColumn[] = shown.map((i) => laidColumn(t.columns[i] as Column));
  const cells = (row: Row): LaidRow => ({
    cells: shown.map((i) => (row.cells[i] ? partText(row.cells[i] as Part) : '')),
    paint: (s: string, col: number) => cellPaint(c, row, row.cells[shown[col] as number], s),
  });
  const items = t.rows.filter((r) => r.kind === 'item').map(cells);
  const totals = t.rows.filter((r) => r.kind === 'total').map(cells);
  // A row can take several lines (a wrapped title): a marker line stands where the rule above the totals goes.
  const rows = totals.length > 0 ? [...items, { span: RULE_MARK }, ...totals] : items;
  const laid = layoutTable(columns, rows, width, { head: (s) => c.bold(s) });
  const rule = c.dim('─'.repeat(laid.total));
  const [head, ...body] = laid.lines;
  // A table with totals is ruled, hledger-style: under the header and above the totals.
  return [
    ...(t.title ? [t.title] : []),
    head as string,
    ...(totals.length > 0 ? [rule] : []),
    ...body.map((l) => (l === RULE_MARK ? rule : l)),
  ];
}

/** A line no cell can produce: where a table's rule above its totals goes. */
const RULE_MARK = '\u0001rule\u0001';

function laidColumn(col: Column): LaidColumn {
  const out: LaidColumn = { head: col.head, align: alignOf(col) };
  if (col.drop !== undefined) out.drop = col.drop;
  if (col.min !== undefined) out.min = col.min;
  if (col.wrap) out.wrap = true;
  if (col.cutStart) out.cutStart = true;
  return out;
}

/**
 * A table whose figure columns do not all fit, laid out as several narrower tables, each
 * repeating the first column: whole groups are packed while they fit; a group too wide on its own
 * fills tables column by column. Each part is titled with the groups it holds.
 */
function splitTable(t: Table, c: ChalkInstance, width: number): string[] {
  const shown = humanColumns(t, true);
  const [key, ...figures] = shown as [number, ...number[]];
  const text = (row: Row, i: number) => (row.cells[i] ? partText(row.cells[i] as Part) : '');
  const keyWidth = maxOf(
    t.rows.map((r) => text(r, key).length),
    (t.columns[key] as Column).head.length,
  );
  const colWidth = (i: number) =>
    maxOf(
      t.rows.map((r) => text(r, i).length),
      (t.columns[i] as Column).head.length,
    );
  const groupOf = (i: number) => t.groups?.find((g) => i >= g.from && i <= g.to)?.name ?? '';
  const blocks: { names: string[]; cols: number[] }[] = [];
  let current: { names: string[]; cols: number[] } = { names: [], cols: [] };
  const fits = (cols: number[]) => keyWidth + cols.reduce((sum, i) => sum + 2 + colWidth(i), 0) <= width;
  const flush = () => {
    if (current.cols.length > 0) blocks.push(current);
    current = { names: [], cols: [] };
  };
  const groups: number[][] = [];
  for (const i of figures) {
    const last = groups[groups.length - 1];
    if (last && groupOf(last[0] as number) === groupOf(i)) last.push(i);
    else groups.push([i]);
  }
  for (const group of groups) {
    if (!fits([...current.cols, ...group])) flush();
    for (const i of group) {
      if (current.cols.length > 0 && !fits([...current.cols, i])) flush();
      const name = groupOf(i);
      if (!current.names.includes(name)) current.names.push(name);
      current.cols.push(i);
    }
  }
  flush();
  const out: string[] = [];
  blocks.forEach(({ names, cols }, n) => {
    if (n > 0) out.push('');
    out.push(blocks.length > 1 ? `${t.title}: ${names.join('; ')}` : (t.title ?? ''));
    const widths = cols.map(colWidth);
    const line = (k: string, cells: string[], paintCell: (s: string, j: number) => string) =>
      [k.padEnd(keyWidth), ...cells.map((s, j) => paintCell(s.padStart(widths[j] as number), j))]
        .join('  ')
        .trimEnd();
    const rule = '─'.repeat(keyWidth + widths.reduce((a, b) => a + b + 2, 0));
    out.push(
      c.bold(
        line(
          (t.columns[key] as Column).head,
          cols.map((i) => (t.columns[i] as Column).head),
          (s) => s,
        ),
      ),
      rule,
    );
    for (const row of t.rows) {
      if (row.kind === 'total') out.push(rule);
      out.push(
        line(
          text(row, key),
          cols.map((i) => text(row, i)),
          (s, j) => cellPaint(c, row, row.cells[cols[j] as number], s),
        ),
      );
    }
  });
  return out;
}

/** Labelled lines: each label padded to the widest (or the block's own width), its text wrapped under itself. */
function facts(b: Facts, c: ChalkInstance, width: number): string[] {
  const w = maxOf(b.items.map((x) => x.label.length)) + 2;
  return b.items.flatMap((x) =>
    wrap(`${x.label.padEnd(w)}${x.parts.map((p) => paint(c, p)).join('')}`, width, ' '.repeat(w)),
  );
}
