import type { PortfolioIndicator, PortfolioReport } from '../compute/portfolio.js';
import type { Status } from '../model/reports.js';
import { type Block, type Column, type Part, paragraph, type Row, ratio, text } from './blocks.js';

/**
 * The portfolio section of the parent's meeting report (`report --portfolio CHILD...`): per parent
 * indicator the portfolio figure against the parent's targets, then each contributing indicator's
 * part and share — the figures of `portfolio` (src/compute/portfolio.ts).
 */

const COLUMNS: Column[] = [
  { head: 'Indicator', kind: 'text', min: 16, wrap: true },
  { head: 'Contributor', kind: 'text' },
  { head: 'Period', kind: 'text', drop: 2 },
  { head: 'Actual', kind: 'text', align: 'right' },
  { head: 'Share', kind: 'ratio', align: 'right', drop: 1 },
  { head: 'Expected', kind: 'text', align: 'right' },
  { head: 'Progress', kind: 'ratio', align: 'right' },
  { head: 'Status', kind: 'status' },
];

/** A figure in the indicator's terms: a level name for milestones, a % for percents. */
function value(i: PortfolioIndicator, n: number | null): string {
  if (n === null) return '–';
  if (i.measure === 'milestone') return i.levels?.[n] ?? String(n);
  const t = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
  return i.measure === 'percent' ? `${t}%` : t;
}

function statusPart(s: Status | null): Part {
  if (s === null) return text('not combined', 'muted');
  return { kind: 'status', status: s, text: s };
}

/** The portfolio section's blocks. */
export function portfolioBlocks(r: PortfolioReport): Block[] {
  const rows: Row[] = [];
  for (const i of r.indicators) {
    rows.push({
      kind: 'item',
      key: i.id,
      cells: [
        text(`${i.id} ${i.title}`, 'strong'),
        text('portfolio'),
        text(i.period ?? '–'),
        text(i.measure === 'milestone' ? '' : value(i, i.actual)),
        text(''),
        text(value(i, i.expected)),
        ratio(i.progress),
        statusPart(i.status),
      ],
    });
    for (const k of i.contributors) {
      rows.push({
        kind: 'item',
        cells: [
          text(''),
          text(`${k.framework} ${k.indicator}`),
          text(k.period ?? '–'),
          text(i.measure === 'milestone' ? (k.level ?? '–') : value(i, k.actual)),
          k.share === null ? text('') : ratio(k.share),
          text(''),
          text(''),
          text(''),
        ],
      });
    }
  }
  const linked = r.frameworks.filter((f) => f.linked).map((f) => f.framework);
  const unlinked = r.frameworks.filter((f) => !f.linked).map((f) => f.framework);
  const parts: Part[] = [text(`Contributors: ${linked.length ? linked.join(', ') : 'none'}.`)];
  if (unlinked.length)
    parts.push(
      text(` Given but not linked to ${r.framework}, so not counted: ${unlinked.join(', ')}.`, 'warn'),
    );
  return [
    { kind: 'heading', level: 2, text: 'Portfolio' },
    paragraph(parts),
    { kind: 'table', name: 'portfolio', columns: COLUMNS, rows, view: 'human' },
  ];
}
