import type { VarianceReport } from '../model/reports.js';
import { mdText } from './markdown.js';
import { caption, FIGURE_COLUMNS, figureText, keyLabel, showTitle } from './variance-columns.js';

/** Markdown: a caption and a pipe table, money right-aligned, the total row in bold. */

const cell = mdText;

/** `variance --format md`. */
export function renderVarianceMd(r: VarianceReport): string {
  const titled = showTitle(r);
  const lead = titled ? [keyLabel(r.by), 'Title'] : [keyLabel(r.by)];
  const head = [...lead, ...FIGURE_COLUMNS.map((c) => c.label)];
  const align = [...lead.map(() => '---'), ...FIGURE_COLUMNS.map(() => '---:')];
  const lines = [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (const row of r.rows) {
    const figs = FIGURE_COLUMNS.map((c) => figureText(row, c.field, r.digits));
    const names = titled ? [cell(row.key), cell(row.title)] : [cell(row.key)];
    lines.push(`| ${[...names, ...figs].join(' | ')} |`);
  }
  const total = FIGURE_COLUMNS.map((c) => `**${figureText(r.total, c.field, r.digits)}**`);
  lines.push(`| ${[...(titled ? ['**Total**', ''] : ['**Total**']), ...total].join(' | ')} |`);
  return `${caption(r)}\n\n${lines.join('\n')}\n`;
}
