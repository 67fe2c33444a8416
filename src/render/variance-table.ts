import type { ChalkInstance } from 'chalk';
import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { type Column, layoutTable, MIN_WIDTH, wrap } from './layout.js';
import { caption, FIGURE_COLUMNS, figureText, keyLabel, overspent, showTitle } from './variance-columns.js';

/**
 * When a figure column goes as the table narrows: Projected first, then Remaining, then Planned
 * total. The key, planned to date, actual, variance and execution always stay; the title is cut
 * (to 20 columns) before any figure goes.
 */
const DROP: Partial<Record<keyof VarianceFigures, number>> = { projected: 1, remaining: 2, plannedTotal: 3 };

/**
 * The terminal table, hledger-style: a caption, the header, a rule, one line per row, a rule and the
 * total. Money is right-aligned with thousands separators; over-spending (variance below zero) shows
 * its variance and execution in red; the header and total are bold. Widths are measured on the
 * plain text and colour is applied after padding, so the columns line up with or without colour.
 */
export function renderVarianceTable(r: VarianceReport, c: ChalkInstance, width = MIN_WIDTH): string {
  const titled = showTitle(r);
  const lead = titled ? 2 : 1;
  const columns: Column[] = [
    { head: keyLabel(r.by) },
    ...(titled ? [{ head: 'Title', min: 20 }] : []),
    ...FIGURE_COLUMNS.map((col) => ({ head: col.label, align: 'right' as const, drop: DROP[col.field] })),
  ];
  const figures = (f: VarianceFigures) => FIGURE_COLUMNS.map((col) => figureText(f, col.field, r.digits));
  const red = (f: VarianceFigures) => (text: string, i: number) => {
    const field = FIGURE_COLUMNS[i - lead]?.field;
    return overspent(f) && (field === 'variance' || field === 'execution') ? c.red(text) : text;
  };
  const rows = [
    ...r.rows.map((row) => ({
      cells: [row.key, ...(titled ? [row.title] : []), ...figures(row)],
      paint: red(row),
    })),
    {
      cells: ['Total', ...(titled ? [''] : []), ...figures(r.total)],
      paint: (t: string, i: number) => c.bold(red(r.total)(t, i)),
    },
  ];
  const laid = layoutTable(columns, rows, width, { head: (t) => c.bold(t) });
  const rule = '─'.repeat(laid.total);
  const [head, ...body] = laid.lines;
  const total = body.pop();
  const lines = [head, rule, ...body, rule, total];
  return `${wrap(caption(r), width).join('\n')}\n\n${lines.join('\n')}\n`;
}
