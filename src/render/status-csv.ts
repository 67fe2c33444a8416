import type { StatusReport } from '../model/reports.js';
import { csvField } from './csv.js';

/** CSV (RFC 4180 quoting, LF line ends): the JSON field names as the header, one row per indicator, empty for null. */

const CSV_FIELDS = [
  'id',
  'result',
  'programme',
  'title',
  'unit',
  'measure',
  'direction',
  'aggregation',
  'baseline',
  'period',
  'actual',
  'expected',
  'final',
  'progress',
  'status',
  'achieved',
  'forecast',
  'overdue',
] as const;

/** `status --format csv`. Milestone figures are level indices, as in JSON. */
export function renderStatusCsv(r: StatusReport): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const s of r.indicators) {
    lines.push(
      CSV_FIELDS.map((f) => {
        const v = s[f];
        return v === null || v === undefined ? '' : csvField(String(v));
      }).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
