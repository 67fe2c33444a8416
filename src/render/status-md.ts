import type { StatusReportDetail } from '../compute/status.js';
import { mdText } from './markdown.js';
import { num, progressText, statusWithFlags, summaryText, valueText } from './status-common.js';

const cell = mdText;

/** `status --format md`: a GitHub-flavoured table, one row per indicator, then the counts. */
export function renderStatusMd(r: StatusReportDetail): string {
  const head = [
    'Programme',
    'Result',
    'Indicator',
    'Period',
    'Baseline',
    'Actual',
    'Expected',
    'Final',
    'Progress',
    'Forecast',
    'Status',
  ];
  const lines = [
    `**${cell(r.plan.title)}** — indicator status as of ${r.asOf}`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map((_h, i) => (i >= 4 && i <= 9 ? '---:' : '---')).join(' | ')} |`,
  ];
  for (const s of r.indicators) {
    lines.push(
      `| ${[
        s.programme ?? '–',
        s.result,
        `${s.id} ${s.title}`,
        s.period ?? '–',
        valueText(s, s.baseline),
        valueText(s, s.actual),
        valueText(s, s.expected),
        valueText(s, s.final),
        progressText(s.progress),
        s.measure === 'milestone' ? num(s.forecast) : valueText(s, s.forecast),
        statusWithFlags(s),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  lines.push('', summaryText(r), '');
  return lines.join('\n');
}
