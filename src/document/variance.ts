import type { VarianceFigures, VarianceReport } from '../model/reports.js';
import {
  type Column,
  type Document,
  money,
  type Part,
  paragraph,
  type Row,
  ratio,
  type Table,
  text,
} from './blocks.js';

/** The variance report as a document, and its table, which the meeting report's budget sections show too. */

/** The figure columns every variance table shows, in order: JSON field, label, terminal drop priority. */
const FIGURES: readonly { field: keyof VarianceFigures; label: string; drop?: number }[] = [
  { field: 'plannedTotal', label: 'Planned total', drop: 3 },
  { field: 'plannedToDate', label: 'Planned to date' },
  { field: 'actual', label: 'Actual' },
  { field: 'variance', label: 'Variance' },
  { field: 'execution', label: 'Execution' },
  { field: 'remaining', label: 'Remaining', drop: 2 },
  { field: 'projected', label: 'Projected', drop: 1 },
];

/** The label of the key column for a roll-up ("Line", "Year"…). */
export function keyLabel(by: VarianceReport['by']): string {
  return by.charAt(0).toUpperCase() + by.slice(1);
}

/** The one-line caption of a variance report. */
export function caption(r: VarianceReport): string {
  return `Budget versus actual as of ${r.asOf} (${r.currency}; by ${r.by}; planned to date ${r.basis === 'year' ? "on D's whole year" : 'pro rata by days'})`;
}

/**
 * A variance table: the key, its title (only in CSV by year or category, where it repeats the
 * key), the seven figures, and the planned total as written before any revision (CSV only, last,
 * so a script reading the earlier columns by position is not disturbed). Too narrow a terminal
 * cuts the title to 20 columns, then drops Projected, Remaining and Planned total, in that order.
 * Over-spending (variance below zero) marks variance and execution as an alarm.
 */
export function varianceTable(r: VarianceReport, opts: { key?: string; joined?: boolean } = {}): Table {
  const titled = r.by !== 'year' && r.by !== 'category';
  const joined = opts.joined === true;
  const columns: Column[] = [
    joined
      ? // Joined with its title, the key wraps down to 14 columns before a figure goes (at 80, Planned total stays).
        { head: opts.key ?? keyLabel(r.by), kind: 'text', field: 'key', min: 14, wrap: true }
      : { head: opts.key ?? keyLabel(r.by), kind: 'text', field: 'key' },
    {
      head: 'Title',
      kind: 'text',
      field: 'title',
      min: 20,
      ...(titled && !joined ? {} : { dataOnly: true }),
    },
    ...FIGURES.map(
      (f): Column => ({
        head: f.label,
        kind: f.field === 'execution' ? 'ratio' : 'money',
        field: f.field,
        ...(f.drop === undefined ? {} : { drop: f.drop }),
      }),
    ),
    { head: 'Planned total as written', kind: 'money', field: 'originalPlannedTotal', dataOnly: true },
  ];
  const figures = (f: VarianceFigures): Part[] => {
    const alarm = f.variance < 0n ? 'alarm' : undefined;
    return [
      ...FIGURES.map((c) =>
        c.field === 'execution'
          ? ratio(f.execution, alarm)
          : money(f[c.field] as bigint | null, r.digits, c.field === 'variance' ? alarm : undefined),
      ),
      money(f.originalPlannedTotal, r.digits),
    ];
  };
  const rows: Row[] = r.rows.map((row) => {
    // A line linked to nothing has no title of its own: say so, in the human formats.
    const title = row.key === '-' ? row.title || 'not linked' : row.title;
    const key = joined ? (row.key === '-' ? `- ${title}` : `${row.key} ${title}`) : row.key;
    return {
      kind: 'item',
      key: row.key,
      cells: [
        { kind: 'text', text: key, data: row.key },
        { kind: 'text', text: title, data: row.title },
        ...figures(row),
      ],
    };
  });
  rows.push({
    kind: 'total',
    key: 'total',
    cells: [
      { kind: 'text', text: 'Total', data: 'total' },
      { kind: 'text', text: '', data: 'Total' },
      ...figures(r.total),
    ],
  });
  return { kind: 'table', name: 'variance', columns, rows };
}

/** `variance`: the caption and the table. */
export function varianceDocument(r: VarianceReport): Document {
  return { title: caption(r), blocks: [paragraph([text(caption(r))], 'caption'), varianceTable(r)] };
}
