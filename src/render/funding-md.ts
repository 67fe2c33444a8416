import type { FundingReport } from '../model/reports.js';
import {
  allColumns,
  CONTRIBUTOR_GROUPS,
  type FundingColumn,
  fundingCaption,
  fundingText,
  SOURCE_GROUPS,
  YEAR_GROUPS,
} from './funding-columns.js';
import { mdText } from './markdown.js';

/** Markdown: the caption and three pipe tables (by source, contributor, year), money right-aligned, totals in bold. */

type Values = Record<string, bigint | number | null>;

/** One pipe table: the key and title columns, then `cols`; a bold total row when given. */
export function mdTable(
  lead: string[],
  cols: readonly FundingColumn<string>[],
  rows: { names: string[]; values: Values }[],
  digits: number,
  total?: Values,
): string {
  const head = [...lead, ...cols.map((c) => c.label)];
  const align = [...lead.map(() => '---'), ...cols.map(() => '---:')];
  const lines = [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (const r of rows) {
    const figs = cols.map((c) => fundingText(r.values[c.field] ?? null, digits));
    lines.push(`| ${[...r.names.map(mdText), ...figs].join(' | ')} |`);
  }
  if (total) {
    const figs = cols.map((c) => `**${fundingText(total[c.field] ?? null, digits)}**`);
    lines.push(`| ${['**Total**', ...lead.slice(1).map(() => ''), ...figs].join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `funding --format md`. */
export function renderFundingMd(r: FundingReport): string {
  const d = r.digits;
  const sources = mdTable(
    ['Source', 'Title'],
    allColumns(SOURCE_GROUPS),
    r.sources.map((s) => ({ names: [s.key, s.title], values: s as unknown as Values })),
    d,
    r.total as unknown as Values,
  );
  const contributors = mdTable(
    ['Contributor', 'Title'],
    allColumns(CONTRIBUTOR_GROUPS),
    r.contributors.map((x) => ({ names: [x.key, x.title], values: x as unknown as Values })),
    d,
  );
  const years = mdTable(
    ['Year'],
    allColumns(YEAR_GROUPS),
    r.years.map((y) => ({ names: [y.key], values: y as unknown as Values })),
    d,
  );
  return `${fundingCaption(r)}\n\n**By source**\n\n${sources}\n**By contributor**\n\n${contributors}\n**By year**\n\n${years}`;
}
