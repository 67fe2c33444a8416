import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { StatusReportDetail } from '../compute/status.js';
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

const HEAD = [
  'Indicator',
  'Period',
  'Baseline',
  'Actual',
  'Expected',
  'Final',
  'Progress',
  'Trend',
  'Status',
];
const TITLE_WIDTH = 44;
const BORDERLESS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

function short(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The terminal table: indicators grouped by programme and result, coloured status, a progress bar and a sparkline; then the counts. */
export function renderStatusTable(r: StatusReportDetail, c: ChalkInstance): string {
  const table = new Table({
    head: HEAD.map((h) => c.bold(h)),
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'left', 'left', 'left'],
    // Borderless: group headings span the row, and colour comes from chalk only, so NO_COLOR holds.
    chars: BORDERLESS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
  });
  for (const g of groupByProgramme(r)) {
    const progTitle = g.programme ? `${g.programme.id}  ${g.programme.title}` : '(no programme)';
    table.push([{ colSpan: HEAD.length, content: c.bold(progTitle) }]);
    for (const { result, indicators } of g.results) {
      table.push([{ colSpan: HEAD.length, content: `  ${result.id}  ${short(result.title, 80)}` }]);
      for (const s of indicators) {
        table.push([
          `    ${s.id}  ${short(s.title, TITLE_WIDTH)}`,
          s.period ?? '–',
          valueText(s, s.baseline),
          valueText(s, s.actual),
          valueText(s, s.expected),
          valueText(s, s.final),
          s.progress === null ? '' : `${progressBar(s.progress)} ${progressText(s.progress)}`,
          sparkline(s.series),
          colourStatus(c, s.status, statusWithFlags(s)),
        ]);
      }
    }
  }
  const title = `${c.bold(r.plan.title)} — indicator status as of ${r.asOf}`;
  const body = r.indicators.length
    ? `${table
        .toString()
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n')}\n`
    : 'no indicators match\n';
  return `${title}\n${body}${summaryText(r)}\n`;
}
