import type { ChalkInstance } from 'chalk';
import { maxOf } from '../core/arrays.js';
import type { FundingReport } from '../model/reports.js';
import {
  CONTRIBUTOR_GROUPS,
  type FundingColumn,
  type FundingGroup,
  fundingCaption,
  fundingText,
  SOURCE_GROUPS,
  YEAR_GROUPS,
} from './funding-columns.js';

/**
 * The terminal tables of `funding`: by source, by contributor, by year. A table whose columns do
 * not fit the width is laid out as several narrower tables, each repeating the key column, its
 * figure columns kept in the groups that read together (funding-columns.ts). A negative gap
 * (over-funded) and a negative cash balance show in red.
 */

/** The terminal width the tables fit by default. */
export const FUNDING_WIDTH = 80;

interface Table<F extends string> {
  title: string;
  keyLabel: string;
  groups: readonly FundingGroup<F>[];
  rows: { key: string; values: Record<F, bigint | number | null> }[];
  total?: Record<F, bigint | number | null>;
}

export function renderFundingTable(r: FundingReport, c: ChalkInstance, width = FUNDING_WIDTH): string {
  const parts = [
    `${fundingCaption(r)}\n`,
    table(
      {
        title: 'By source',
        keyLabel: 'Source',
        groups: SOURCE_GROUPS,
        rows: r.sources.map((row) => ({ key: row.key, values: row })),
        total: r.total,
      },
      r.digits,
      c,
      width,
    ),
    table(
      {
        title: 'By contributor',
        keyLabel: 'Contributor',
        groups: CONTRIBUTOR_GROUPS,
        rows: r.contributors.map((row) => ({ key: row.key, values: row })),
      },
      r.digits,
      c,
      width,
    ),
    table(
      {
        title: 'By year',
        keyLabel: 'Year',
        groups: YEAR_GROUPS,
        rows: r.years.map((row) => ({ key: row.key, values: row })),
      },
      r.digits,
      c,
      width,
    ),
  ];
  // The tables show keys only, to fit; the titles follow.
  const named = [...r.sources, ...r.contributors];
  const w = maxOf(named.map((x) => x.key.length));
  const legend = named.map((x) => `${x.key.padEnd(w)}  ${x.title}`);
  return `${parts.join('\n')}\n${legend.join('\n')}\n`;
}

function table<F extends string>(t: Table<F>, digits: number, c: ChalkInstance, width: number): string {
  const text = (v: bigint | number | null) => fundingText(v, digits);
  const keys = [...t.rows.map((r) => r.key), ...(t.total ? ['Total'] : [])];
  const keyWidth = maxOf(
    keys.map((k) => k.length),
    t.keyLabel.length,
  );
  const colWidth = (col: FundingColumn<F>) =>
    maxOf(
      [...t.rows.map((r) => r.values), ...(t.total ? [t.total] : [])].map((v) => text(v[col.field]).length),
      col.label.length,
    );
  // Pack whole groups into blocks while they fit; a group too wide on its own fills blocks column by column.
  const blocks: { names: string[]; cols: FundingColumn<F>[] }[] = [];
  let current: { names: string[]; cols: FundingColumn<F>[] } = { names: [], cols: [] };
  const fits = (cols: FundingColumn<F>[]) =>
    keyWidth + cols.reduce((sum, col) => sum + 2 + colWidth(col), 0) <= width;
  const flush = () => {
    if (current.cols.length > 0) blocks.push(current);
    current = { names: [], cols: [] };
  };
  for (const group of t.groups) {
    if (!fits([...current.cols, ...group.columns])) flush();
    for (const column of group.columns) {
      if (current.cols.length > 0 && !fits([...current.cols, column])) flush();
      if (!current.names.includes(group.name)) current.names.push(group.name);
      current.cols.push(column);
    }
  }
  flush();

  const red = (field: string, v: bigint | number | null) =>
    (field === 'gap' || field === 'balance') && typeof v === 'bigint' && v < 0n;
  return blocks
    .map(({ cols }) => {
      const widths = cols.map(colWidth);
      const line = (key: string, cells: string[], paint: (s: string, i: number) => string) =>
        `${[key.padEnd(keyWidth), ...cells.map((s, i) => paint(s.padStart(widths[i] as number), i))]
          .join('  ')
          .trimEnd()}\n`;
      const rule = `${'─'.repeat(keyWidth + widths.reduce((a, b) => a + b + 2, 0))}\n`;
      const row = (key: string, values: Record<F, bigint | number | null>, bold: boolean) =>
        line(
          key,
          cols.map((col) => text(values[col.field])),
          (s, i) => {
            const field = (cols[i] as FundingColumn<F>).field;
            const painted = red(field, values[field]) ? c.red(s) : s;
            return bold ? c.bold(painted) : painted;
          },
        );
      let out = c.bold(
        line(
          t.keyLabel,
          cols.map((col) => col.label),
          (s) => s,
        ),
      );
      out += rule;
      for (const r of t.rows) out += row(r.key, r.values, false);
      if (t.total) {
        out += rule;
        out += row('Total', t.total, true);
      }
      return out;
    })
    .map((block, i) => {
      const names = blocks[i]?.names ?? [];
      return `${blocks.length > 1 ? `${t.title}: ${names.join('; ')}` : t.title}\n${block}`;
    })
    .join('\n');
}
