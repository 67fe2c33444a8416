import type { ChalkInstance } from 'chalk';
import { maxOf } from '../core/arrays.js';
import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { caption, FIGURE_COLUMNS, figureText, keyLabel, overspent, showTitle } from './variance-columns.js';

/**
 * The terminal table, hledger-style: a caption, the header, a rule, one line per row, a rule and the
 * total. Money is right-aligned with thousands separators; over-spending (variance below zero) shows
 * its variance and execution in red; the header and total are bold. Widths are measured on the
 * plain text and colour is applied after padding, so the columns line up with or without colour.
 */
export function renderVarianceTable(r: VarianceReport, c: ChalkInstance): string {
  const titled = showTitle(r);
  const lead = titled ? 2 : 1;
  const head = [keyLabel(r.by), ...(titled ? ['Title'] : []), ...FIGURE_COLUMNS.map((col) => col.label)];
  const figures = (f: VarianceFigures) => FIGURE_COLUMNS.map((col) => figureText(f, col.field, r.digits));
  const body = r.rows.map((row) => [row.key, ...(titled ? [row.title] : []), ...figures(row)]);
  const total = ['Total', ...(titled ? [''] : []), ...figures(r.total)];
  const widths = head.map((h, i) =>
    maxOf(
      [...body, total].map((cells) => (cells[i] ?? '').length),
      h.length,
    ),
  );

  const pad = (text: string, i: number) => {
    const w = widths[i] ?? 0;
    return i < lead ? text.padEnd(w) : text.padStart(w);
  };
  const line = (cells: string[], paint: (text: string, i: number) => string) =>
    `${cells
      .map((t, i) => paint(pad(t, i), i))
      .join('  ')
      .trimEnd()}\n`;
  const red = (f: VarianceFigures) => (text: string, i: number) => {
    const field = FIGURE_COLUMNS[i - lead]?.field;
    return overspent(f) && (field === 'variance' || field === 'execution') ? c.red(text) : text;
  };
  const rule = `${'─'.repeat(widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1))}\n`;

  let out = `${caption(r)}\n\n`;
  out += line(head, (t) => c.bold(t));
  out += rule;
  r.rows.forEach((row, k) => {
    out += line(body[k] ?? [], red(row));
  });
  out += rule;
  out += line(total, (t, i) => c.bold(red(r.total)(t, i)));
  return out;
}
