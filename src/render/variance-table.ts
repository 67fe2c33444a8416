import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { caption, FIGURE_COLUMNS, figureText, keyLabel, overspent, showTitle } from './variance-columns.js';

/** The terminal table: money right-aligned with thousands separators, over-spending in red, a total row. */
export function renderVarianceTable(r: VarianceReport, c: ChalkInstance): string {
  const titled = showTitle(r);
  const lead = titled ? [keyLabel(r.by), 'Title'] : [keyLabel(r.by)];
  const table = new Table({
    head: [...lead, ...FIGURE_COLUMNS.map((col) => col.label)].map((h) => c.bold(h)),
    colAligns: [...lead.map(() => 'left' as const), ...FIGURE_COLUMNS.map(() => 'right' as const)],
    // Compact: no rule between body rows. Colour comes from chalk only, so NO_COLOR holds.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: [], border: [] },
  });
  const cells = (f: VarianceFigures) =>
    FIGURE_COLUMNS.map((col) => {
      const text = figureText(f, col.field, r.digits);
      return overspent(f) && (col.field === 'variance' || col.field === 'execution') ? c.red(text) : text;
    });
  for (const row of r.rows) table.push([...(titled ? [row.key, row.title] : [row.key]), ...cells(row)]);
  const total = cells(r.total).map((t) => c.bold(t));
  table.push([...(titled ? [c.bold('Total'), ''] : [c.bold('Total')]), ...total]);
  return `${caption(r)}\n${table.toString()}\n`;
}
