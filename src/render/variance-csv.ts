import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { csvField } from './csv.js';
import { plainMoney } from './money.js';
import { FIGURE_COLUMNS } from './variance-columns.js';

/** CSV (RFC 4180 quoting, LF line ends): the JSON field names as the header, plain decimals, ratios unrounded, empty for null. */

/**
 * The figure fields in JSON order: the columns every format shows, then the planned total as
 * written before any revision (`originalPlannedTotal`), which the terminal and Markdown tables
 * leave out. Last, so a script that reads the earlier columns by position is not disturbed.
 */
const CSV_FIELDS: readonly (keyof VarianceFigures)[] = [
  ...FIGURE_COLUMNS.map((c) => c.field),
  'originalPlannedTotal',
];

function values(f: VarianceFigures, digits: number): string[] {
  return CSV_FIELDS.map((field) => {
    const v = f[field];
    if (v === null) return '';
    return typeof v === 'bigint' ? plainMoney(v, digits) : String(v);
  });
}

/** `variance --format csv`: one row per key, then a row keyed `total`. */
export function renderVarianceCsv(r: VarianceReport): string {
  const lines = [['key', 'title', ...CSV_FIELDS].join(',')];
  for (const row of r.rows)
    lines.push([csvField(row.key), csvField(row.title), ...values(row, r.digits)].join(','));
  lines.push(['total', 'Total', ...values(r.total, r.digits)].join(','));
  return `${lines.join('\n')}\n`;
}
