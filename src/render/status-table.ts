import type { ChalkInstance } from 'chalk';
import type { StatusReportDetail } from '../compute/status.js';
import { maxOf } from '../core/arrays.js';
import { type Column, displayWidth, layoutTable, MIN_WIDTH, type Row, wrap } from './layout.js';
import {
  colourStatus,
  groupByProgramme,
  progressBar,
  progressText,
  sparkline,
  statusWithFlags,
  summaryText,
  valueText,
} from './status-common.js';

/** The columns of a title a row keeps before the titles move to lines of their own. */
const TITLE_MIN = 20;

/**
 * The status table's columns. Too wide for the terminal, the indicator titles are cut first (to 20
 * columns), then columns go in this order: Trend (the sparkline), the progress bar (its
 * percentage stays), Baseline, Period. If a title would still get fewer than 20 columns, each
 * title moves to a line of its own above its figures, and the columns come back in reverse order
 * as far as they fit.
 */
const COLUMNS: readonly Column[] = [
  { head: 'Indicator', min: 0 },
  { head: 'Period', drop: 4 },
  { head: 'Baseline', align: 'right', drop: 3 },
  { head: 'Actual', align: 'right' },
  { head: 'Expected', align: 'right' },
  { head: 'Final', align: 'right' },
  { head: '', drop: 2 },
  { head: 'Progress', align: 'right' },
  { head: 'Trend', drop: 1 },
  { head: 'Status' },
];

/** The terminal table: indicators grouped by programme and result, coloured status, a progress bar and a sparkline; then the counts. */
export function renderStatusTable(r: StatusReportDetail, c: ChalkInstance, width = MIN_WIDTH): string {
  const title = wrap(`${r.plan.title} — indicator status as of ${r.asOf}`, width)
    .map((l, i) => (i === 0 ? l.replace(r.plan.title, c.bold(r.plan.title)) : l))
    .join('\n');
  const summary = wrap(summaryText(r), width).join('\n');
  if (r.indicators.length === 0) return `${title}\nno indicators match\n${summary}\n`;
  const build = (stacked: boolean): Row[] => {
    const rows: Row[] = [];
    for (const g of groupByProgramme(r)) {
      const prog = g.programme ? `${g.programme.id}  ${g.programme.title}` : '(no programme)';
      rows.push({ span: prog, paint: (t: string) => c.bold(t) });
      for (const { result, indicators } of g.results) {
        rows.push({ span: `  ${result.id}  ${result.title}`, hang: ' '.repeat(4 + result.id.length) });
        for (const s of indicators) {
          const name = `    ${s.id}  ${s.title}`;
          if (stacked) rows.push({ span: name, hang: ' '.repeat(6 + s.id.length) });
          rows.push({
            cells: [
              stacked ? '    ' : name,
              s.period ?? '–',
              valueText(s, s.baseline),
              valueText(s, s.actual),
              valueText(s, s.expected),
              valueText(s, s.final),
              s.progress === null ? '' : progressBar(s.progress),
              s.progress === null ? '' : progressText(s.progress),
              sparkline(s.series),
              statusWithFlags(s),
            ],
            paint: (t, col) => (col === 9 ? colourStatus(c, s.status, t) : t),
          });
        }
      }
    }
    return rows;
  };
  const head = (t: string) => c.bold(t);
  // The indicator column keeps every id whole and TITLE_MIN columns of each title.
  const idWidth = maxOf(r.indicators.map((s) => displayWidth(`    ${s.id}  `)));
  const columns = [{ ...COLUMNS[0], min: idWidth + TITLE_MIN } as Column, ...COLUMNS.slice(1)];
  let laid = layoutTable(columns, build(false), width, { head });
  if ((laid.widths[0] as number) < idWidth + TITLE_MIN && laid.widths[0] !== laid.natural[0]) {
    // The titles get a line of their own; the first column keeps only their indentation.
    const stackedCols = [{ ...COLUMNS[0], head: '', min: undefined } as Column, ...COLUMNS.slice(1)];
    laid = layoutTable(stackedCols, build(true), width, { head });
  }
  return `${title}\n${laid.lines.join('\n')}\n${summary}\n`;
}
