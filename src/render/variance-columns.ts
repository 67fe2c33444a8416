import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { formatMoney, formatPercent } from './money.js';

/** The figure columns every variance format shows, in order, with their human labels. */

export interface FigureColumn {
  /** The JSON / CSV field name. */
  field: keyof VarianceFigures;
  label: string;
}

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { field: 'plannedTotal', label: 'Planned total' },
  { field: 'plannedToDate', label: 'Planned to date' },
  { field: 'actual', label: 'Actual' },
  { field: 'variance', label: 'Variance' },
  { field: 'execution', label: 'Execution' },
  { field: 'remaining', label: 'Remaining' },
  { field: 'projected', label: 'Projected' },
];

/** The label of the key column for a roll-up ("Line", "Year"…). */
export function keyLabel(by: VarianceReport['by']): string {
  return by.charAt(0).toUpperCase() + by.slice(1);
}

/** Human text of one figure: grouped money, a percentage for execution, an em dash for null. */
export function figureText(f: VarianceFigures, field: keyof VarianceFigures, digits: number): string {
  if (field === 'execution') return formatPercent(f.execution);
  const v = f[field];
  return v === null ? '—' : formatMoney(v, digits);
}

/** True when the figures show over-spending: more spent than planned to date. */
export function overspent(f: VarianceFigures): boolean {
  return f.variance < 0n;
}

/** The one-line caption of a variance report. */
export function caption(r: VarianceReport): string {
  return `Budget versus actual as of ${r.asOf} (${r.currency}; by ${r.by}; planned to date ${r.basis === 'year' ? "on D's whole year" : 'pro rata by days'})`;
}

/** Whether the human formats show a title column: not by year or category, where the title only repeats the key. */
export function showTitle(r: VarianceReport): boolean {
  return r.by !== 'year' && r.by !== 'category';
}
