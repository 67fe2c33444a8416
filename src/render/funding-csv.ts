import type { FundingReport } from '../model/reports.js';
import { csvField } from './csv.js';
import { plainMoney } from './money.js';

/**
 * `funding --format csv` (RFC 4180 quoting, LF line ends): one table for spreadsheets, a row per
 * source, the total, a row per contributor and per year, told apart by the `section` column
 * (`source`, `total`, `contributor`, `year`); the JSON field names as the header, plain decimals,
 * ratios unrounded, empty where a figure does not apply or is null.
 */

const FIELDS = [
  'planned',
  'pledged',
  'received',
  'inKind',
  'outstanding',
  'secured',
  'gap',
  'opening',
  'spent',
  'balance',
  'collection',
] as const;

type Values = Partial<Record<(typeof FIELDS)[number], bigint | number | null>>;

export function renderFundingCsv(r: FundingReport): string {
  const line = (section: string, key: string, title: string, v: Values) =>
    [
      section,
      csvField(key),
      csvField(title),
      ...FIELDS.map((f) => {
        const x = v[f];
        if (x === undefined || x === null) return '';
        return typeof x === 'bigint' ? plainMoney(x, r.digits) : String(x);
      }),
    ].join(',');
  const lines = [['section', 'key', 'title', ...FIELDS].join(',')];
  for (const s of r.sources) lines.push(line('source', s.key, s.title, s));
  lines.push(line('total', 'total', 'Total', r.total));
  for (const c of r.contributors) lines.push(line('contributor', c.key, c.title, c));
  for (const y of r.years) lines.push(line('year', y.key, y.key, y));
  return `${lines.join('\n')}\n`;
}
