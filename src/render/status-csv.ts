import { missingValuesText } from '../model/expected.js';
import type { StatusReport } from '../model/reports.js';
import { csvField } from './csv.js';
import { formatValue } from './report-common.js';

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
  'missing',
  'revisions',
  'originalFinal',
  'incomplete',
] as const;

/** The figures a milestone gives as a level rather than a number. */
const LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'baseline',
  'actual',
  'expected',
  'final',
  'forecast',
  'originalFinal',
]);

/**
 * `status --format csv`. The header is the JSON field names. Milestone figures are written as level
 * names (a spreadsheet has no `levels` list to look indices up in); where the target curve or the
 * forecast falls between two levels, both are named (`drafted–endorsed`). `progress` is the
 * unrounded ratio, as in JSON (1 = on the target curve).
 */
export function renderStatusCsv(r: StatusReport): string {
  const lines = [CSV_FIELDS.join(',')];
  for (const s of r.indicators) {
    lines.push(
      CSV_FIELDS.map((f) => {
        const v = s[f];
        if (v === null || v === undefined) return '';
        // Incomplete periods, one field: `2026-H2 (country MN; country KR) 2027-H1 (country MN)`.
        if (f === 'incomplete') return csvField(s.incomplete.map(incompleteText).join(' '));
        // Lists (missing periods, revision ids) are one field, space-separated: neither holds a space.
        if (Array.isArray(v)) return csvField(v.join(' '));
        if (s.measure === 'milestone' && LEVEL_FIELDS.has(f) && typeof v === 'number') {
          return csvField(formatValue(v, s));
        }
        return csvField(String(v));
      }).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

function incompleteText(p: { period: string; missing: Record<string, string>[] }): string {
  return `${p.period} (${missingValuesText(p.missing)})`;
}
