import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import { csvField } from './csv.js';
import { plainMoney } from './money.js';
import { FIGURE_COLUMNS } from './variance-columns.js';

/** CSV (RFC 4180 quoting, LF line ends): the JSON field names as the header, plain decimals, ratios unrounded, empty for null. */

function values(f: VarianceFigures, digits: number): string[] {
  return FIGURE_COLUMNS.map((col) => {
    const v = f[col.field];
    if (v === null) return '';
    return typeof v === 'bigint' ? plainMoney(v, digits) : String(v);
  });
}

/** `variance --format csv`: one row per key, then a row keyed `total`. */
export function renderVarianceCsv(r: VarianceReport): string {
  const lines = [['key', 'title', ...FIGURE_COLUMNS.map((c) => c.field)].join(',')];
  for (const row of r.rows)
    lines.push([csvField(row.key), csvField(row.title), ...values(row, r.digits)].join(','));
  lines.push(['total', 'Total', ...values(r.total, r.digits)].join(','));
  return `${lines.join('\n')}\n`;
}
